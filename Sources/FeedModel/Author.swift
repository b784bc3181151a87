/// A person or organisation credited in a feed or an entry; every part is optional plain text.
public struct Author: Sendable, Hashable, Codable {
    public var name: String?
    public var email: String?
    public var uri: String?

    public init(name: String? = nil, email: String? = nil, uri: String? = nil) {
        self.name = name
        self.email = email
        self.uri = uri
    }

    /// True when the author carries no information at all.
    public var isEmpty: Bool { name == nil && email == nil && uri == nil }
}
