import FeedModel
import FeedStore
import Foundation
import GRDB
import Testing

/// One subscription per feed, whatever spelling of its URL is used, and feed ids that are never handed out twice.
@Suite struct SubscriptionTests {
    static let subscribed = "https://example.com/feed?cat=3"

    static let sameFeed = [
        "http://example.com/feed?cat=3",
        "https://example.com/feed/?cat=3",
        "https://EXAMPLE.com:443/feed?cat=3#top",
        "https://example.com/feed?utm_source=newsletter&cat=3&fbclid=x",
    ]

    static let otherFeeds = [
        "https://example.com/feed?cat=4",
        "https://example.com/feed",
        "https://example.com/other?cat=3",
    ]

    @Test(arguments: sameFeed) func anotherSpellingIsTheSameSubscription(_ spelling: String) throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed(Self.subscribed)
        let outcome = try temporary.store.addFeed(NewFeed(url: spelling, title: "Again"))
        guard case .alreadyExists(let existing) = outcome else {
            Issue.record("\(spelling) was added as a second subscription: \(outcome)")
            return
        }
        #expect(existing.id == id)
        #expect(existing.url == Self.subscribed)
        #expect(existing.customTitle == nil)
        #expect(try temporary.store.feed(spelling).id == id)
        #expect(try temporary.store.feeds().count == 1)
    }

    @Test(arguments: otherFeeds) func anotherQueryValueOrPathIsAnotherFeed(_ url: String) throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed(Self.subscribed)
        guard case .added(let feed) = try temporary.store.addFeed(NewFeed(url: url)) else {
            Issue.record("\(url) was taken for \(Self.subscribed)")
            return
        }
        #expect(feed.id != id)
        #expect(try temporary.store.feeds().count == 2)
    }

    @Test func anAliasFindsTheSubscription() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.com/feed.xml")
        // As `feedctl add` passes where the redirects ended and the feed's self link.
        let outcome = try temporary.store.addFeed(
            NewFeed(url: "https://mirror.example/rss"),
            aliases: ["https://mirror.example/rss", "http://example.com/feed.xml/"])
        #expect(outcome == .alreadyExists(try temporary.store.feed("\(id)")))
        #expect(try temporary.store.feeds().count == 1)
    }

    @Test func addingManyAddsAFeedListedTwiceOnce() throws {
        let temporary = try TemporaryStore()
        let existing = try temporary.addFeed("https://old.example/feed")
        let outcomes = try temporary.store.addFeeds([
            NewFeed(url: "https://new.example/feed", title: "First"),
            NewFeed(url: "http://OLD.example/feed/"),
            NewFeed(url: "https://new.example/feed?utm_source=opml", title: "Second"),
            NewFeed(url: "https://new.example/feed?page=2"),
        ])
        guard outcomes.count == 4, case .added(let first) = outcomes[0], case .added(let paged) = outcomes[3] else {
            Issue.record("unexpected outcomes \(outcomes)")
            return
        }
        #expect(outcomes[1] == .alreadyExists(try temporary.store.feed("\(existing)")))
        #expect(outcomes[2] == .alreadyExists(first))
        #expect(first.customTitle == "First")
        #expect(paged.url == "https://new.example/feed?page=2")
        #expect(try temporary.store.feeds().count == 3)
    }

    @Test func idsAreNotReusedAfterRemovingTheHighest() throws {
        let temporary = try TemporaryStore()
        let ids = try (1...4).map { try temporary.addFeed("https://feed\($0).example/rss") }
        #expect(ids == [1, 2, 3, 4])
        for id in ids.suffix(2) {
            _ = try temporary.store.removeFeed("\(id)", configFile: nil)
        }
        let added = try (5...6).map { try temporary.addFeed("https://feed\($0).example/rss") }
        #expect(added == [5, 6])
        for id in [1, 2, 5, 6] {
            _ = try temporary.store.removeFeed("\(id)", configFile: nil)
        }
        #expect(try temporary.addFeed("https://feed7.example/rss") == 7)
    }

    @Test func theConfigurationTakesOverAFeedSubscribedWithFeedctl() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.org/feed")
        try temporary.ingest([sampleArticle(1), sampleArticle(2)], feedID: id)
        let entry = NewFeed(url: "http://example.org/feed/", title: "Configured", tags: ["news"], source: .config)
        var summary = try temporary.store.syncConfigFeeds([entry])
        #expect(summary.added.isEmpty)
        #expect(summary.updated == ["http://example.org/feed/"])
        let feeds = try temporary.store.feeds()
        #expect(feeds.map(\.id) == [id])
        // The row keeps its URL (the one fetches worked with), its articles and its id.
        #expect(feeds.first?.url == "https://example.org/feed")
        #expect(feeds.first?.source == .config)
        #expect(feeds.first?.customTitle == "Configured")
        #expect(feeds.first?.articleCount == 2)
        #expect(try temporary.store.syncConfigFeeds([entry]) == ConfigSyncSummary())
        // It is the configuration's now: leaving the file removes it.
        summary = try temporary.store.syncConfigFeeds([])
        #expect(summary.removed == ["https://example.org/feed"])
        #expect(try temporary.store.feeds().isEmpty)
    }

    @Test func aFeedListedTwiceInTheConfigurationIsOneSubscription() throws {
        let temporary = try TemporaryStore()
        let entries = [
            NewFeed(url: "https://example.org/feed", title: "First", source: .config),
            NewFeed(url: "https://example.org/feed/?utm_medium=rss", title: "Second", source: .config),
        ]
        _ = try temporary.store.syncConfigFeeds(entries)
        #expect(try temporary.store.feeds().map(\.customTitle) == ["First"])
        // Stable: the second entry does not take the title over on the next sync.
        #expect(try temporary.store.syncConfigFeeds(entries) == ConfigSyncSummary())
        #expect(try temporary.store.feeds().map(\.customTitle) == ["First"])
    }

    @Test func aPermanentRedirectToAnotherSubscriptionDoesNotMoveTheFeed() throws {
        let temporary = try TemporaryStore()
        let a = try temporary.addFeed("https://a.example/feed")
        _ = try temporary.addFeed("https://b.example/feed")
        let now = Date()
        for _ in 0..<3 {
            let summary = try temporary.store.apply(
                FeedUpdate(
                    feedID: a, attemptedAt: now, outcome: .notModified(etag: nil, lastModified: nil), nextDueAt: now,
                    permanentRedirect: "http://b.example/feed/"))
            #expect(summary.movedTo == nil)
        }
        #expect(try temporary.store.feed("\(a)").url == "https://a.example/feed")
    }

    @Test func aMoveTakesTheNewURLsIdentity() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://old.example/feed")
        let now = Date()
        for _ in 0..<2 {
            try temporary.store.apply(
                FeedUpdate(
                    feedID: id, attemptedAt: now, outcome: .notModified(etag: nil, lastModified: nil), nextDueAt: now,
                    permanentRedirect: "https://new.example/feed"))
        }
        let moved = try temporary.store.feed("\(id)")
        #expect(try temporary.store.addFeed(NewFeed(url: "http://new.example/feed/")) == .alreadyExists(moved))
    }

    @Test func alsoInNamesEachFeedOnceAndNotTheArticlesOwn() throws {
        let temporary = try TemporaryStore()
        let own = try temporary.addFeed("https://example.org/feed")
        let other = try temporary.addFeed("https://other.example/feed")
        // A store from before feed identities holding both feeds twice.
        let queue = try DatabaseQueue(path: temporary.path)
        let copies = try queue.write { db in
            try ["http://example.org/feed/", "http://other.example/feed"].map { url in
                try db.execute(
                    sql: """
                        INSERT INTO feed (url, url_key, added_at, source, next_due_at) VALUES (?, ?, 0, 'feedctl', 0)
                        """,
                    arguments: [url, FeedIdentity.key(url)])
                return db.lastInsertedRowID
            }
        }
        for feedID in [own] + copies + [other] {
            try temporary.ingest([sampleArticle(1)], feedID: feedID, at: Date(timeIntervalSinceNow: Double(feedID)))
        }
        var query = ArticleQuery(limit: 10)
        query.uniqueStories = true
        let story = try #require(try temporary.store.articles(query).first)
        #expect(story.feed.id == own)
        #expect(story.alsoIn.map(\.id) == [other])
    }
}
