/// A feed that an HTML page advertises with `<link rel="alternate" type="…" href="…">`.
public struct DiscoveredFeed: Sendable, Hashable {
    /// The feed's absolute URL (relative only when the page's own URL was unknown).
    public var url: String
    /// The advertised media type, lower-cased without parameters (`application/atom+xml`); empty when a
    /// `rel="feed"` link named none.
    public var type: String
    /// The link's `title`, whitespace-collapsed, or nil when absent or blank.
    public var title: String?

    public init(url: String, type: String, title: String?) {
        self.url = url
        self.type = type
        self.title = title
    }
}
