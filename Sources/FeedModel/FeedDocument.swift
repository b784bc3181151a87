import Foundation

/// A parsed feed: what the document says about itself, its entries, and what was wrong with it.
///
/// `title` and `rights` are plain text, `subtitle` is sanitized HTML, every URL is absolute.
public struct FeedDocument: Sendable, Hashable {
    public var format: FeedFormat
    /// "2.0", "0.91", "1.0", "0.3", "1.1", …; "" when it cannot be told.
    public var version: String
    /// True when the document was malformed or mis-declared and had to be recovered.
    public var bozo: Bool
    public var problems: [ParseProblem]

    public var title: String?
    public var subtitle: String?
    public var link: String?
    /// The feed's own URL as it declares it (atom:link rel="self", JSON `feed_url`).
    public var selfLink: String?
    public var language: String?
    public var updated: Date?
    public var generator: String?
    public var image: String?
    public var icon: String?
    public var rights: String?
    /// RSS `ttl`, minutes.
    public var ttl: Int?
    /// The publishing interval the feed announces (sy:updatePeriod / sy:updateFrequency), seconds.
    public var updateInterval: Int?
    /// WebSub hubs (atom:link rel="hub").
    public var hubs: [String]
    public var authors: [Author]
    public var categories: [String]
    public var entries: [Entry]

    public init(
        format: FeedFormat,
        version: String = "",
        bozo: Bool = false,
        problems: [ParseProblem] = [],
        title: String? = nil,
        subtitle: String? = nil,
        link: String? = nil,
        selfLink: String? = nil,
        language: String? = nil,
        updated: Date? = nil,
        generator: String? = nil,
        image: String? = nil,
        icon: String? = nil,
        rights: String? = nil,
        ttl: Int? = nil,
        updateInterval: Int? = nil,
        hubs: [String] = [],
        authors: [Author] = [],
        categories: [String] = [],
        entries: [Entry] = []
    ) {
        self.format = format
        self.version = version
        self.bozo = bozo
        self.problems = problems
        self.title = title
        self.subtitle = subtitle
        self.link = link
        self.selfLink = selfLink
        self.language = language
        self.updated = updated
        self.generator = generator
        self.image = image
        self.icon = icon
        self.rights = rights
        self.ttl = ttl
        self.updateInterval = updateInterval
        self.hubs = hubs
        self.authors = authors
        self.categories = categories
        self.entries = entries
    }
}
