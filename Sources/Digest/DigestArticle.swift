import Foundation

/// One stored article selected for a digest: the input the builder groups, summarizes and renders.
///
/// The caller (the store query) selects the articles first seen in the digest's period; the builder does not
/// filter them again, so every article passed in is counted.
public struct DigestArticle: Sendable {
    /// The article's row id; breaks ties between articles first seen at the same instant.
    public var id: Int64
    /// The story the article belongs to; articles of one story appear once in the digest.
    public var storyID: Int64
    /// The feed the article came from.
    public var feedID: Int64
    /// The feed's display title.
    public var feedTitle: String
    /// The feed's tags in configuration order; the first one picks the digest group.
    public var tags: [String]
    /// The article's title, if it has one.
    public var title: String?
    /// The article's link as the feed gave it.
    public var link: String?
    /// The canonical URL, preferred over `link` when present.
    public var canonicalURL: String?
    /// When the feed says the article was published.
    public var published: Date?
    /// When feedd first stored the article.
    public var firstSeen: Date
    /// Cleaned plain text, paragraphs separated by "\n\n".
    public var text: String?
    /// The article's first http(s) image, if any.
    public var imageURL: String?
    /// A rule's `highlight` marked it: its story is shown first, in the highlights section.
    public var highlighted = false
    /// The rules that touched it.
    public var rules: [String] = []

    /// Creates an article; no validation happens here (links and images are checked when rendering).
    public init(
        id: Int64,
        storyID: Int64,
        feedID: Int64,
        feedTitle: String,
        tags: [String] = [],
        title: String?,
        link: String?,
        canonicalURL: String? = nil,
        published: Date?,
        firstSeen: Date,
        text: String?,
        imageURL: String? = nil,
        highlighted: Bool = false,
        rules: [String] = []
    ) {
        self.highlighted = highlighted
        self.rules = rules
        self.id = id
        self.storyID = storyID
        self.feedID = feedID
        self.feedTitle = feedTitle
        self.tags = tags
        self.title = title
        self.link = link
        self.canonicalURL = canonicalURL
        self.published = published
        self.firstSeen = firstSeen
        self.text = text
        self.imageURL = imageURL
    }
}
