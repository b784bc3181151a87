import FeedModel
import Foundation
internal import GRDB

/// An article as a reader app's stream shows it: its text, its feed, its marks and its labels.
public struct StreamItem: Sendable, Equatable {
    public var id: Int64
    /// The feed's id for the article (its guid, or one feedd derived).
    public var guid: String
    public var story: Int64
    public var feedID: Int64
    /// The feed's title to show: the owner's, else its own, else its URL.
    public var feedTitle: String
    public var feedURL: String
    public var siteLink: String?
    public var feedTags: [String]
    public var title: String?
    public var link: String?
    public var canonicalURL: String?
    public var authors: [Author]
    public var published: Date?
    public var updated: Date?
    /// When feedd first stored the article.
    public var firstSeen: Date
    /// `sort_at`, seconds since 1970: the stream's order.
    public var sortAt: Double
    public var summary: String?
    public var contentHTML: String?
    public var isRead: Bool
    /// True when any article of the story is starred (a rule or feedctl may star one copy), as Fever shows it.
    public var isStarred: Bool
    public var isHighlighted: Bool
    /// The article's own tags, sorted.
    public var tags: [String]

    /// The columns `init(row:)` reads, from `article` joined with `feed`.
    static let columns = """
        article.id, article.story_id, article.feed_id, coalesce(feed.custom_title, feed.feed_title, feed.url),
        feed.url, feed.site_link, feed.tags, article.title, article.link, article.canonical_url, article.authors,
        article.published_at, article.updated_at, article.first_seen_at, article.sort_at, article.summary,
        article.content_html, article.read_at IS NOT NULL,
        EXISTS (SELECT 1 FROM article AS copy WHERE copy.story_id = article.story_id AND copy.starred_at IS NOT NULL),
        article.highlighted, article.guid
        """

    init(row: Row) {
        id = row[0]
        story = row[1]
        feedID = row[2]
        feedTitle = row[3]
        feedURL = row[4]
        siteLink = row[5]
        feedTags = StoredJSON.strings(row[6])
        title = row[7]
        link = row[8]
        canonicalURL = row[9]
        authors = StoredJSON.authors(row[10])
        published = StoredFeed.date(row[11])
        updated = StoredFeed.date(row[12])
        firstSeen = Date(timeIntervalSince1970: row[13])
        sortAt = row[14]
        summary = row[15]
        contentHTML = row[16]
        isRead = row[17]
        isStarred = row[18]
        isHighlighted = row[19]
        guid = row[20]
        tags = []
    }
}
