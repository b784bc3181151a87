import Foundation

/// One app password of the API, as `feedctl api list` shows it (never the password or its hash).
public struct APIAccount: Sendable, Equatable {
    public var name: String
    public var createdAt: Date
    /// The last successful login or request with it, or nil.
    public var lastUsedAt: Date?
    /// Google Reader tokens that are still valid.
    public var tokens: Int
}
