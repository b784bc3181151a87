/// One feed in an OPML subscription list: an `<outline>` with an `xmlUrl` attribute.
///
/// Values are cleaned when read: surrounding whitespace trimmed, control characters removed, empty strings turned
/// into nil (or, for tags, dropped).
public struct OPMLSubscription: Sendable, Hashable {
    /// The feed's address, from `xmlUrl`, as written in the file (not resolved or normalised).
    public var url: String
    /// The feed's name, from `title` or else `text`; nil when absent or when it only repeats `url`.
    public var title: String?
    /// The address of the feed's web site, from `htmlUrl`.
    public var siteURL: String?
    /// The enclosing folders, outermost first, then the entries of `category`; no duplicates, order kept.
    public var tags: [String]

    public init(url: String, title: String? = nil, siteURL: String? = nil, tags: [String] = []) {
        self.url = url
        self.title = title
        self.siteURL = siteURL
        self.tags = tags
    }
}
