import FeedStore
import Foundation
import Testing

@Suite struct FeedTests {
    @Test func addingTheSameURLTwiceChangesNothing() throws {
        let temporary = try TemporaryStore()
        let first = try temporary.store.addFeed(NewFeed(url: "https://example.org/feed", title: "Mine", tags: ["a"]))
        guard case .added(let feed) = first else {
            Issue.record("expected a new feed, got \(first)")
            return
        }
        #expect(feed.customTitle == "Mine")
        #expect(feed.tags == ["a"])
        #expect(feed.state == .new)
        let second = try temporary.store.addFeed(NewFeed(url: "https://example.org/feed", title: "Other"))
        #expect(second == .alreadyExists(feed))
        #expect(try temporary.store.feeds().count == 1)
    }

    @Test func feedsAreFoundByIdOrURL() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.org/feed")
        #expect(try temporary.store.feed("\(id)").url == "https://example.org/feed")
        #expect(try temporary.store.feed("#\(id)").url == "https://example.org/feed")
        #expect(try temporary.store.feed("https://example.org/feed").id == id)
        let error = #expect(throws: StoreError.self) { try temporary.store.feed("https://nowhere.example/") }
        #expect(error?.kind == .noSuchFeed("https://nowhere.example/"))
    }

    @Test func removeTakesTheArticlesAlongButRefusesConfigFeeds() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.org/feed")
        try temporary.ingest((1...3).map { sampleArticle($0) }, feedID: id)
        let removed = try temporary.store.removeFeed("\(id)", configFile: nil)
        #expect(removed.articleCount == 3)
        #expect(try temporary.store.counts().articles == 0)

        _ = try temporary.addFeed("https://example.org/config", source: .config)
        let error = #expect(throws: StoreError.self) {
            try temporary.store.removeFeed("https://example.org/config", configFile: "/etc/feedd/feedd.toml")
        }
        #expect(
            error?.description == "https://example.org/config is defined in /etc/feedd/feedd.toml; "
                + "remove its [[feed]] entry there")
    }

    @Test func configSyncAddsUpdatesAndRemovesOnlyConfigFeeds() throws {
        let temporary = try TemporaryStore()
        _ = try temporary.addFeed("https://example.org/by-hand")
        var summary = try temporary.store.syncConfigFeeds([
            NewFeed(url: "https://example.org/a", tags: ["x"], source: .config),
            NewFeed(url: "https://example.org/b", source: .config),
        ])
        #expect(summary.added == ["https://example.org/a", "https://example.org/b"])
        summary = try temporary.store.syncConfigFeeds([
            NewFeed(url: "https://example.org/a", title: "A", interval: .seconds(600), tags: ["y"], source: .config),
            NewFeed(url: "https://example.org/by-hand", source: .config),
        ])
        #expect(summary.added.isEmpty)
        #expect(summary.updated == ["https://example.org/a", "https://example.org/by-hand"])
        #expect(summary.removed == ["https://example.org/b"])
        let a = try temporary.store.feed("https://example.org/a")
        #expect(a.customTitle == "A")
        #expect(a.interval == .seconds(600))
        #expect(a.tags == ["y"])
        #expect(try temporary.store.feed("https://example.org/by-hand").source == .config)
        summary = try temporary.store.syncConfigFeeds([
            NewFeed(url: "https://example.org/a", title: "A", interval: .seconds(600), tags: ["y"], source: .config),
            NewFeed(url: "https://example.org/by-hand", source: .config),
        ])
        #expect(summary == ConfigSyncSummary())
    }

    @Test func healthFollowsFailuresSuccessesAndGone() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.org/feed")
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        for attempt in 0..<3 {
            try temporary.store.apply(
                FeedUpdate(
                    feedID: id, attemptedAt: start.addingTimeInterval(Double(attempt) * 60),
                    outcome: .failed(status: 500, message: "HTTP 500 Internal Server Error"),
                    nextDueAt: start.addingTimeInterval(3600))
            )
        }
        var feed = try temporary.store.feed("\(id)")
        #expect(feed.state == .failing(since: start))
        #expect(feed.consecutiveFailures == 3)
        #expect(feed.lastError == "HTTP 500 Internal Server Error")
        #expect(try temporary.store.counts().failing == 1)

        try temporary.ingest([sampleArticle(1)], feedID: id, at: start.addingTimeInterval(600))
        feed = try temporary.store.feed("\(id)")
        #expect(feed.state == .ok)
        #expect(feed.lastError == nil)
        #expect(feed.consecutiveFailures == 0)
        #expect(feed.etag == "\"v1\"")
        #expect(feed.feedTitle == "Feed \(id)")

        try temporary.store.apply(
            FeedUpdate(
                feedID: id, attemptedAt: start.addingTimeInterval(7200), outcome: .gone(status: 410),
                nextDueAt: start.addingTimeInterval(9000))
        )
        feed = try temporary.store.feed("\(id)")
        #expect(feed.state == .gone(since: start.addingTimeInterval(7200)))
        #expect(try temporary.store.dueFeeds(now: start.addingTimeInterval(100_000)).isEmpty)
        #expect(try temporary.store.markDue(now: start) == 0)
    }

    @Test func notModifiedKeepsValidatorsAndSchedulesTheNextFetch() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.org/feed")
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        try temporary.ingest([sampleArticle(1)], feedID: id, at: now)
        try temporary.store.apply(
            FeedUpdate(
                feedID: id, attemptedAt: now.addingTimeInterval(60),
                outcome: .notModified(etag: nil, lastModified: nil), nextDueAt: now.addingTimeInterval(7200))
        )
        let feed = try temporary.store.feed("\(id)")
        #expect(feed.etag == "\"v1\"")
        #expect(feed.lastStatus == 304)
        #expect(feed.nextDueAt == now.addingTimeInterval(7200))
        #expect(try temporary.store.dueFeeds(now: now.addingTimeInterval(7199)).isEmpty)
        #expect(try temporary.store.dueFeeds(now: now.addingTimeInterval(7200)).map(\.id) == [id])
        #expect(try temporary.store.markDue("\(id)", now: now) == 1)
        #expect(try temporary.store.dueFeeds(now: now).map(\.id) == [id])
    }

    @Test func aPermanentRedirectMovesTheFeedTheSecondTimeInARow() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("http://example.org/feed")
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        func fetch(redirect: String?) throws -> IngestSummary {
            try temporary.store.apply(
                FeedUpdate(
                    feedID: id, attemptedAt: now, outcome: .notModified(etag: nil, lastModified: nil),
                    nextDueAt: now, permanentRedirect: redirect)
            )
        }
        #expect(try fetch(redirect: "https://example.org/feed").movedTo == nil)
        #expect(try fetch(redirect: nil).movedTo == nil)
        #expect(try fetch(redirect: "https://example.org/feed").movedTo == nil)
        #expect(try temporary.store.feed("\(id)").url == "http://example.org/feed")
        #expect(try fetch(redirect: "https://example.org/feed").movedTo == "https://example.org/feed")
        let feed = try temporary.store.feed("\(id)")
        #expect(feed.url == "https://example.org/feed")
        #expect(feed.movedFrom == "http://example.org/feed")
    }
}
