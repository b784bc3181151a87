import FeedModel
import Foundation
internal import GRDB

/// One stored article with its feed and story, as listings and the digest read it.
public struct StoredArticle: Sendable, Equatable {
    /// The feed an article belongs to, as listings name it.
    public struct FeedReference: Sendable, Equatable {
        public var id: Int64
        public var title: String
        public var url: String
    }

    public var id: Int64
    public var feed: FeedReference
    public var guid: String
    public var canonicalURL: String?
    public var link: String?
    public var title: String?
    public var authors: [Author]
    public var published: Date?
    public var updated: Date?
    /// When feedd first stored the article.
    public var fetched: Date
    public var summary: String?
    public var contentHTML: String?
    public var contentText: String?
    public var categories: [String]
    public var enclosures: [Enclosure]
    /// The same number for every article that reports the same story, across feeds.
    public var story: Int64
    /// How many other articles share the story.
    public var duplicates: Int
    /// The other feeds that carry the story, by title (only filled by listings of unique stories).
    public var alsoIn: [FeedReference] = []
    public var readAt: Date?
    /// When it was starred (`feedctl star`, a rule's `star`), or nil.
    public var starredAt: Date?
    /// A rule's `highlight`: shown first in the digest.
    public var highlighted: Bool
    /// The article's own tags (a rule's `tag:NAME`), sorted; its feed's tags are the feed's.
    public var tags: [String]
    /// The rules that touched it, in the order they did, each once.
    public var rules: [String]
    /// A search result's excerpt, with matches between `\u{1}` and `\u{2}` (only from searches).
    public var snippet: String?

    /// The columns `init(row:)` reads, joined with `feed`.
    static let columns = """
        article.id, article.feed_id, coalesce(feed.custom_title, feed.feed_title, feed.url), feed.url,
        article.guid, article.canonical_url, article.link, article.title, article.authors, article.published_at,
        article.updated_at, article.first_seen_at, article.summary, article.content_html, article.content_text,
        article.categories, article.enclosures, article.story_id,
        (SELECT count(*) - 1 FROM article AS other WHERE other.story_id = article.story_id), article.read_at,
        article.starred_at, article.highlighted,
        (SELECT group_concat(tag, char(10)) FROM article_tag WHERE article_tag.article_id = article.id),
        (SELECT group_concat(rule, char(10)) FROM (SELECT rule FROM rule_hit WHERE rule_hit.article_id = article.id ORDER BY rule_hit.id))
        """

    /// The columns for listings that never show the content, which is most of an article's bytes.
    static let columnsWithoutContent = columns.replacingOccurrences(
        of: "article.content_html, article.content_text",
        with: "NULL, NULL"
    )

    init(row: Row, snippet: String? = nil) {
        id = row[0]
        feed = FeedReference(id: row[1], title: row[2], url: row[3])
        guid = row[4]
        canonicalURL = row[5]
        link = row[6]
        title = row[7]
        authors = StoredJSON.authors(row[8])
        published = StoredFeed.date(row[9])
        updated = StoredFeed.date(row[10])
        fetched = Date(timeIntervalSince1970: row[11])
        summary = row[12]
        contentHTML = row[13]
        contentText = row[14]
        categories = StoredJSON.strings(row[15])
        enclosures = StoredJSON.enclosures(row[16])
        story = row[17]
        duplicates = row[18]
        readAt = StoredFeed.date(row[19])
        starredAt = StoredFeed.date(row[20])
        highlighted = row[21]
        tags = StoredJSON.distinctLines(row[22]).sorted()
        rules = StoredJSON.distinctLines(row[23])
        self.snippet = snippet
    }
}

/// Which articles a listing wants; every filter is optional, results are newest first.
public struct ArticleQuery: Sendable, Equatable {
    public var feedID: Int64?
    /// Only articles published (or, undated, first seen) at or after this instant.
    public var since: Date?
    public var unreadOnly: Bool
    /// Words to look for in title and text (see `SearchExpression` for the syntax).
    public var search: String?
    public var limit: Int
    /// Leave `contentHTML` and `contentText` out (listings that only show titles).
    public var withoutContent: Bool
    /// One article per story: the earliest stored of those matching, with the story's other feeds in `alsoIn`.
    public var uniqueStories = false
    /// Only starred articles.
    public var starredOnly = false
    /// Only articles with this tag, their own or their feed's.
    public var tag: String?

    public init(
        feedID: Int64? = nil,
        since: Date? = nil,
        unreadOnly: Bool = false,
        search: String? = nil,
        limit: Int = 50,
        withoutContent: Bool = false
    ) {
        self.feedID = feedID
        self.since = since
        self.unreadOnly = unreadOnly
        self.search = search
        self.limit = limit
        self.withoutContent = withoutContent
    }
}
