import Foundation

/// One item of a feed (RSS `item`, Atom `entry`, JSON Feed item), as the parser read it.
///
/// Text fields (`title`) are plain text; HTML fields (`summary`, `content`) are sanitized HTML; URLs are
/// absolute. `nil` means the element was absent, `""` that it was present but empty.
public struct Entry: Sendable, Hashable {
    /// The entry's id as published (guid / id), or a stable id derived from its link or contents.
    public var id: String
    /// True when `id` was derived because the feed gave none.
    public var idIsDerived: Bool
    public var title: String?
    public var link: String?
    public var published: Date?
    public var updated: Date?
    public var authors: [Author]
    public var summary: String?
    public var content: String?
    /// Out-of-line content (Atom `content src=`), absolute.
    public var contentSource: String?
    public var categories: [String]
    public var enclosures: [Enclosure]
    /// Comments page (RSS `comments`, Atom `link rel="replies"` of type text/html).
    public var comments: String?
    /// Comment feed (wfw:commentRss).
    public var commentFeed: String?
    /// Number of comments (slash:comments, thr:total).
    public var commentCount: Int?
    /// A picture for the entry (media:thumbnail, itunes:image, JSON Feed image).
    public var image: String?
    /// Language of the entry (dc:language, JSON Feed language), when it differs from the feed's.
    public var language: String?
    /// Rights statement (dc:rights, atom:rights) as plain text.
    public var rights: String?
    /// The publisher's own URL when the link is a FeedBurner-style redirect (feedburner:origLink), absolute.
    public var originalLink: String?

    public init(
        id: String = "",
        idIsDerived: Bool = false,
        title: String? = nil,
        link: String? = nil,
        published: Date? = nil,
        updated: Date? = nil,
        authors: [Author] = [],
        summary: String? = nil,
        content: String? = nil,
        contentSource: String? = nil,
        categories: [String] = [],
        enclosures: [Enclosure] = [],
        comments: String? = nil,
        commentFeed: String? = nil,
        commentCount: Int? = nil,
        image: String? = nil,
        language: String? = nil,
        rights: String? = nil,
        originalLink: String? = nil
    ) {
        self.id = id
        self.idIsDerived = idIsDerived
        self.title = title
        self.link = link
        self.published = published
        self.updated = updated
        self.authors = authors
        self.summary = summary
        self.content = content
        self.contentSource = contentSource
        self.categories = categories
        self.enclosures = enclosures
        self.comments = comments
        self.commentFeed = commentFeed
        self.commentCount = commentCount
        self.image = image
        self.language = language
        self.rights = rights
        self.originalLink = originalLink
    }
}
