/// A page that cannot be read as a feed at all, with the page's URL and the reason on one line.
///
/// Reads `https://example.org/news: not HTML (it starts with "{")`. A page that is HTML but has no items is not
/// an error: its document has no entries and a problem that says which selector matched nothing.
public struct HTMLPageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The page's URL.
    public let url: String
    /// Why it cannot be read, one line without a final period.
    public let reason: String

    /// An error about the page at `url`.
    public init(url: String, reason: String) {
        self.url = url
        self.reason = reason
    }

    public var description: String { "\(url): \(reason)" }
}
