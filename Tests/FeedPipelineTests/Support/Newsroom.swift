import ArticleCleaning
import FeedModel
import FeedParsing
import FeedPipeline
import FeedStore
import Foundation
import Testing

/// A store with one feed per fixture, each fixture stored as one fetch through the real pipeline.
final class Newsroom {
    let directory = NSTemporaryDirectory() + "stories-" + UUID().uuidString
    let store: FeedStore
    var feedIDs: [String: Int64] = [:]

    init() throws {
        store = try FeedStore(path: directory + "/feedd.sqlite", role: .daemon)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Stores the fixture `name` as a fetch of the feed `feed` (named after the fixture unless given).
    @discardableResult
    func fetch(_ name: String, as feed: String? = nil, at date: Date = Date()) throws -> IngestSummary {
        let bytes = try Array(Data(contentsOf: StoryClusteringTests.fixtures.appendingPathComponent(name + ".xml")))
        return try fetch(bytes: bytes, as: feed ?? name, at: date)
    }

    /// Stores the feed document `bytes` as a fetch of the feed `feed`, whose URL is https://FEED.example/feed.
    @discardableResult
    func fetch(bytes: [UInt8], as feed: String, at date: Date = Date()) throws -> IngestSummary {
        let url = "https://\(feed).example/feed"
        let id: Int64
        switch try store.addFeed(NewFeed(url: url)) {
        case .added(let stored), .alreadyExists(let stored): id = stored.id
        }
        feedIDs[feed] = id
        let document = try FeedParser.parse(bytes, options: FeedParserOptions(documentURL: url))
        let memory = try store.templateMemory(feedID: id).flatMap(FeedTemplateMemory.init(encoded:))
        let (articles, learned) = ArticlePreparation.articles(
            from: document.entries, memory: memory ?? FeedTemplateMemory())
        var update = FeedUpdate(
            feedID: id, attemptedAt: date,
            outcome: .fetched(
                status: 200, etag: nil, lastModified: nil, title: document.title, siteLink: nil,
                articles: articles),
            nextDueAt: date.addingTimeInterval(3600))
        update.templateMemory = learned.encoded
        return try store.apply(update)
    }

    func articles(of feed: String) throws -> [StoredArticle] {
        try store.articles(ArticleQuery(feedID: feedIDs[feed], limit: 100))
    }

    func article(_ feed: String, titled title: String) throws -> StoredArticle {
        try #require(try articles(of: feed).first { $0.title == title })
    }
}
