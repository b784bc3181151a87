public import FeedHTML

/// Why a document could not be read as a feed at all. Each description is one line a person understands.
public enum FeedParseError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Nothing but whitespace.
    case empty
    /// Bytes that are neither XML nor JSON (an image, an archive, compressed data…).
    case binary
    /// An HTML page; `feeds` lists the feeds it advertises (possibly none).
    case htmlPage(feeds: [DiscoveredFeed])
    /// XML whose root element is not rss, rdf:RDF or feed.
    case notAFeed(rootElement: String)
    /// XML with no root element at all.
    case noRootElement(problem: String?)
    /// JSON that is not a JSON Feed, or not valid JSON.
    case invalidJSON(String)
    /// The input is larger than the parser accepts for its format.
    case tooLarge(limit: Int)

    public var description: String {
        switch self {
        case .empty:
            return "not a feed: the document is empty"
        case .binary:
            return "not a feed: the document is binary data, not XML or JSON"
        case .htmlPage(let feeds) where feeds.isEmpty:
            return "not a feed: this is an HTML page and it advertises no feeds"
        case .htmlPage(let feeds):
            let list = feeds.map(\.url).joined(separator: " ")
            return
                "not a feed: this is an HTML page; it advertises \(feeds.count == 1 ? "this feed" : "these feeds"): \(list)"
        case .notAFeed(let root):
            return "not a feed: the root element is <\(root)>, not <rss>, <rdf:RDF> or <feed>"
        case .noRootElement(let problem):
            return "not a feed: no XML element found" + (problem.map { " (\($0))" } ?? "")
        case .invalidJSON(let reason):
            return "not a feed: \(reason)"
        case .tooLarge(let limit):
            return "not a feed: the document is larger than \(limit >> 20) MiB"
        }
    }
}
