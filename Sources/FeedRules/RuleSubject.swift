import FeedModel
import Foundation

/// The parts of an article (and its feed) that rules read: built from a freshly cleaned `Article` in the pipeline,
/// or from a stored article by `feedctl rules test` and `apply`, so both judge the same fields.
public struct RuleSubject: Sendable {
    /// The article's feed, for a rule's scope.
    public struct Feed: Sendable, Hashable {
        public var id: Int64
        /// `FeedIdentity.key` of the feed's URL.
        public var urlKey: String
        public var tags: [String]

        public init(id: Int64, url: String, tags: [String]) {
            self.id = id
            self.urlKey = FeedIdentity.key(url)
            self.tags = tags
        }
    }

    /// Patterns read at most this much of an article's text: what matters is near its start, and a hostile
    /// megabyte of text must not multiply every rule's work.
    public static let maximumContentBytes = 256 * 1024

    public var feed: Feed
    public var title: String
    /// The cleaned plain text (what a reader sees), not the markup.
    public var content: String
    /// Authors' names and mail addresses, when the feed gives them; a pattern matches when it matches one.
    public var authors: [String]
    /// The link as published and its canonical form; a pattern matches when it matches one.
    public var urls: [String]
    public var categories: [String]
    public var published: Date?

    public init(
        feed: Feed, title: String?, content: String?, authors: [String], urls: [String?], categories: [String],
        published: Date?
    ) {
        self.feed = feed
        self.title = title ?? ""
        let text = content ?? ""
        self.content =
            text.utf8.count > Self.maximumContentBytes
            ? String(decoding: text.utf8.prefix(Self.maximumContentBytes), as: UTF8.self) : text
        self.authors = authors
        var seen = Set<String>()
        self.urls = urls.compactMap { $0 }.filter { seen.insert($0).inserted }
        self.categories = categories
        self.published = published
    }

    /// The subject of an article the pipeline has just cleaned.
    public init(_ article: Article, feed: Feed) {
        self.init(
            feed: feed, title: article.title, content: article.contentText,
            authors: article.authors.flatMap { [$0.name, $0.email].compactMap { $0 } },
            urls: [article.link, article.canonicalURL], categories: article.categories,
            published: article.published)
    }
}
