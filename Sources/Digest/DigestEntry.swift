import FeedModel
import Foundation

/// One story in a digest, shown through its representative article (the one first seen earliest).
public struct DigestEntry: Sendable {
    /// The representative article's id.
    public var articleID: Int64
    /// The story's id.
    public var storyID: Int64
    /// The title, or "(untitled)".
    public var title: String
    /// Where the title links: the canonical URL or the link, only when it is http(s); nil means no link.
    public var url: String?
    /// The representative's feed title.
    public var feedTitle: String
    /// The published time, or the first-seen time when the feed gave none.
    public var date: Date
    /// `date` in the digest's time zone, e.g. "Mon 29 Nov, 07:15".
    public var dateText: String
    /// Up to three sentences from the article's text; empty when it has none.
    public var summary: String
    /// The other feeds that carried the story: distinct, sorted, without the representative's feed.
    public var alsoIn: [String]
    /// The article's image when it is http(s); renderers show it only when the digest keeps images.
    public var imageURL: String?
    /// Other outlets (feeds) whose own stories report the same event (`StoryEvents`): related, not copies.
    public var coveredBy: Int
    /// The rules that highlighted the story, for an entry in the highlights section; else empty.
    public var highlightedBy: [String] = []

    /// The "also in: A, B" line with "also covered by N outlets" and the rules that highlighted it, or nil when none
    /// applies.
    public var alsoInText: String? {
        var parts: [String] = []
        if !alsoIn.isEmpty { parts.append("also in: " + alsoIn.joined(separator: ", ")) }
        if coveredBy > 0 { parts.append(StoryEvents.coverageText(outlets: coveredBy)) }
        if !highlightedBy.isEmpty { parts.append("rule: " + highlightedBy.joined(separator: ", ")) }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// Creates an entry; ``DigestBuilder`` is the usual way.
    public init(
        articleID: Int64,
        storyID: Int64,
        title: String,
        url: String?,
        feedTitle: String,
        date: Date,
        dateText: String,
        summary: String,
        alsoIn: [String],
        imageURL: String?,
        coveredBy: Int = 0
    ) {
        self.articleID = articleID
        self.storyID = storyID
        self.title = title
        self.url = url
        self.feedTitle = feedTitle
        self.date = date
        self.dateText = dateText
        self.summary = summary
        self.alsoIn = alsoIn
        self.imageURL = imageURL
        self.coveredBy = coveredBy
    }
}
