import Foundation

/// An entry made ready to store: identity decided, content sanitized and cleaned, text and summary extracted.
///
/// The store keeps one row per article and feed; `guid`, `canonicalURL` and `contentHash` are the keys it
/// recognises a re-fetched article by, in that order of preference.
public struct Article: Sendable, Hashable {
    /// The entry's id as the feed published it, or the id the parser derived when it had none.
    public var guid: String
    /// True when the feed gave no id and `guid` was derived (from the link, or a hash of the content).
    public var guidIsDerived: Bool
    /// The link normalised for identity (tracking parameters and fragment removed); nil without a web link.
    public var canonicalURL: String?
    /// The link as published, for display.
    public var link: String?
    public var title: String?
    public var authors: [Author]
    public var published: Date?
    public var updated: Date?
    /// Plain text, at most 300 characters, cut at a word boundary.
    public var summary: String?
    /// Sanitized, cleaned HTML.
    public var contentHTML: String?
    /// The cleaned content as plain text, paragraphs separated by a blank line.
    public var contentText: String?
    public var categories: [String]
    public var enclosures: [Enclosure]
    /// A stable hash of the normalised text, equal for the same content however it is marked up.
    public var contentHash: String
    /// A sketch of the cleaned text for finding other feeds' copies of the story; nil for too little text.
    public var signature: StorySignature?
    /// The hash of the text's opening words, shared by a teaser and the article it quotes; nil for a short text.
    public var leadHash: String?
    /// What the owner's rules decided for it; empty until the pipeline runs them.
    public var rules = RuleMarks()

    public init(
        guid: String,
        guidIsDerived: Bool = false,
        canonicalURL: String? = nil,
        link: String? = nil,
        title: String? = nil,
        authors: [Author] = [],
        published: Date? = nil,
        updated: Date? = nil,
        summary: String? = nil,
        contentHTML: String? = nil,
        contentText: String? = nil,
        categories: [String] = [],
        enclosures: [Enclosure] = [],
        contentHash: String,
        signature: StorySignature? = nil,
        leadHash: String? = nil
    ) {
        self.guid = guid
        self.guidIsDerived = guidIsDerived
        self.canonicalURL = canonicalURL
        self.link = link
        self.title = title
        self.authors = authors
        self.published = published
        self.updated = updated
        self.summary = summary
        self.contentHTML = contentHTML
        self.contentText = contentText
        self.categories = categories
        self.enclosures = enclosures
        self.contentHash = contentHash
        self.signature = signature
        self.leadHash = leadHash
    }
}
