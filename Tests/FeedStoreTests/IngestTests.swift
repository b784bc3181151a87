import FeedModel
import FeedStore
import Foundation
import Testing

@Suite struct IngestTests {
    @Test func refetchingTheSameFeedAddsNothing() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.org/feed")
        let articles = (1...20).map { sampleArticle($0) }
        #expect(try temporary.ingest(articles, feedID: id).inserted == 20)
        let again = try temporary.ingest(articles, feedID: id)
        #expect(again.inserted == 0)
        #expect(again.unchanged == 20)
        #expect(try temporary.store.counts().articles == 20)
    }

    @Test func changedContentUpdatesTheRowAndRecordsWhen() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.org/feed")
        try temporary.ingest([sampleArticle(1)], feedID: id)
        let before = try #require(try temporary.store.articles(ArticleQuery()).first)
        let later = Date(timeIntervalSince1970: 1_790_000_000)
        let summary = try temporary.ingest([sampleArticle(1, text: "Corrected body.")], feedID: id, at: later)
        #expect(summary.updated == 1)
        let after = try #require(try temporary.store.articles(ArticleQuery()).first)
        #expect(after.id == before.id)
        #expect(after.contentText == "Corrected body.")
        #expect(after.updated == later)
        #expect(after.fetched == before.fetched)
        #expect(try temporary.store.search("corrected").map(\.id) == [before.id])
        #expect(try temporary.store.search("rivers").isEmpty)
    }

    @Test func aFeedThatRewritesEveryGuidDoesNotDuplicate() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.org/feed")
        try temporary.ingest((1...10).map { sampleArticle($0, guid: "http://example.org/?p=\($0)") }, feedID: id)
        // The CMS moved to https: every guid changes, links and content do not.
        let moved = try temporary.ingest(
            (1...10).map { sampleArticle($0, guid: "https://example.org/?p=\($0)") }, feedID: id)
        #expect(moved.inserted == 0)
        #expect(moved.updated == 10)
        // And then the links changed too, while the text stayed.
        let relinked = try temporary.ingest(
            (1...10).map { sampleArticle($0, guid: "new-\($0)", url: "https://new.example.org/\($0)") }, feedID: id)
        #expect(relinked.inserted == 0)
        #expect(try temporary.store.counts().articles == 10)
        #expect(try temporary.store.articles(ArticleQuery(limit: 100)).allSatisfy { $0.guid.hasPrefix("new-") })
    }

    @Test func deletedAndExpiredArticlesNeverComeBack() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.org/feed")
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let articles = (1...5).map { sampleArticle($0, published: now.addingTimeInterval(-200 * 86_400)) }
        try temporary.ingest(articles, feedID: id, at: now.addingTimeInterval(-200 * 86_400))
        try temporary.ingest([sampleArticle(6, published: now)], feedID: id, at: now)
        let stored = try temporary.store.articles(ArticleQuery(limit: 10))
        let six = try #require(stored.first { $0.guid == "guid-6" })
        #expect(try temporary.store.deleteArticles([six.id], now: now) == 1)
        let retention = try temporary.store.applyRetention(keepDays: 90, keepPerFeed: 1000, now: now)
        #expect(retention.expired == 5)
        #expect(try temporary.store.counts().articles == 0)
        let refetch = try temporary.ingest(articles + [sampleArticle(6, published: now)], feedID: id, at: now)
        #expect(refetch.suppressed == 6)
        #expect(refetch.inserted == 0)
        // An entry without a guid of its own, under a new link but with the deleted text, is still the deleted one.
        var republished = sampleArticle(
            6, guid: "https://example.org/other", url: "https://example.org/other",
            published: now)
        republished.guidIsDerived = true
        #expect(try temporary.ingest([republished], feedID: id, at: now).suppressed == 1)
    }

    @Test func retentionKeepsTheNewestPerFeed() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.org/feed")
        let other = try temporary.addFeed("https://example.org/other")
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        try temporary.ingest((1...30).map { sampleArticle($0, published: now) }, feedID: id, at: now)
        try temporary.ingest(
            (1...5).map { sampleArticle($0, guid: "o\($0)", url: "https://o.example/\($0)", text: "other \($0)") },
            feedID: other, at: now)
        let summary = try temporary.store.applyRetention(keepDays: 90, keepPerFeed: 10, now: now)
        #expect(summary.overflow == 20)
        let kept = try temporary.store.articles(ArticleQuery(feedID: id, limit: 100)).map(\.guid)
        #expect(kept == (21...30).reversed().map { "guid-\($0)" })
        #expect(try temporary.store.articles(ArticleQuery(feedID: other, limit: 100)).count == 5)
    }

    @Test func theSameStoryInSeveralFeedsSharesOneStoryNumber() throws {
        let temporary = try TemporaryStore()
        let a = try temporary.addFeed("https://a.example/feed")
        let b = try temporary.addFeed("https://b.example/feed")
        let c = try temporary.addFeed("https://c.example/feed")
        try temporary.ingest([sampleArticle(1), sampleArticle(2)], feedID: a)
        // b links the same URL with its own guid and words; c carries the same text under another URL.
        try temporary.ingest([sampleArticle(1, guid: "b-1", text: "B's take on it.")], feedID: b)
        try temporary.ingest([sampleArticle(1, guid: "c-1", url: "https://c.example/syndicated")], feedID: c)
        let all = try temporary.store.articles(ArticleQuery(limit: 10))
        let firstStory = all.filter { $0.title == "Story 1" }
        #expect(firstStory.count == 3)
        #expect(Set(firstStory.map(\.story)).count == 1)
        #expect(firstStory.allSatisfy { $0.duplicates == 2 })
        let second = try #require(all.first { $0.title == "Story 2" })
        #expect(second.duplicates == 0)
        #expect(second.story != firstStory[0].story)
    }

    @Test func listingsFilterAndSortNewestFirst() throws {
        let temporary = try TemporaryStore()
        let a = try temporary.addFeed("https://a.example/feed")
        let b = try temporary.addFeed("https://b.example/feed")
        let base = Date(timeIntervalSince1970: 1_780_000_000)
        try temporary.ingest((1...5).map { sampleArticle($0, published: base) }, feedID: a, at: base)
        try temporary.ingest(
            (6...8).map { sampleArticle($0, published: base) } + [sampleArticle(9, published: nil)], feedID: b,
            at: base.addingTimeInterval(100_000))
        let all = try temporary.store.articles(ArticleQuery(limit: 100))
        #expect(
            all.map(\.guid) == [
                "guid-9", "guid-8", "guid-7", "guid-6", "guid-5", "guid-4", "guid-3", "guid-2",
                "guid-1",
            ])
        #expect(try temporary.store.articles(ArticleQuery(feedID: a, limit: 2)).map(\.guid) == ["guid-5", "guid-4"])
        let since = try temporary.store.articles(ArticleQuery(since: base.addingTimeInterval(6 * 60), limit: 100))
        #expect(since.map(\.guid) == ["guid-9", "guid-8", "guid-7", "guid-6"])
        try temporary.store.setRead(all.prefix(3).map(\.id), read: true)
        let unread = try temporary.store.articles(ArticleQuery(unreadOnly: true, limit: 100))
        #expect(unread.count == 6)
        try temporary.store.setRead([all[0].id], read: false)
        #expect(try temporary.store.articles(ArticleQuery(unreadOnly: true, limit: 100)).count == 7)
        #expect(try temporary.store.setRead([999_999], read: true).isEmpty)
        let light = try temporary.store.articles(ArticleQuery(limit: 1, withoutContent: true))
        #expect(light.first?.contentHTML == nil)
        #expect(light.first?.summary != nil)
        let future = try temporary.ingest(
            [sampleArticle(10, published: base.addingTimeInterval(9e6))], feedID: a, at: base)
        #expect(future.inserted == 1)
        #expect(try temporary.store.articles(ArticleQuery(limit: 1)).first?.guid == "guid-9")
    }

    @Test func storedFieldsComeBackIntact() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.org/feed")
        let article = sampleArticle(1)
        try temporary.ingest([article], feedID: id)
        let stored = try #require(try temporary.store.articles(ArticleQuery()).first)
        #expect(stored.feed.url == "https://example.org/feed")
        #expect(stored.guid == article.guid)
        #expect(stored.canonicalURL == article.canonicalURL)
        #expect(stored.link == article.link)
        #expect(stored.authors == article.authors)
        #expect(stored.published == article.published)
        #expect(stored.categories == article.categories)
        #expect(stored.enclosures == article.enclosures)
        #expect(stored.contentHTML == article.contentHTML)
        #expect(try temporary.store.article(id: stored.id) == stored)
    }
}

@Suite struct IdentityEdgeTests {
    @Test func itemsSharingALinkStayDistinct() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://podcast.example/feed")
        // A podcast whose items all link to its home page, each with a guid of its own.
        let episodes = (1...4).map {
            sampleArticle($0, guid: "episode-\($0)", url: "https://podcast.example/", text: "Episode \($0) notes.")
        }
        #expect(try temporary.ingest(episodes, feedID: id).inserted == 4)
        let again = try temporary.ingest(episodes, feedID: id)
        #expect(again.unchanged == 4)
        #expect(again.updated == 0)
        #expect(try temporary.store.counts().articles == 4)
    }

    @Test func aDeletedItemDoesNotSuppressItsSiblingsThatShareItsLink() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://podcast.example/feed")
        try temporary.ingest(
            [sampleArticle(1, guid: "episode-1", url: "https://podcast.example/", text: "One.")], feedID: id)
        let first = try #require(try temporary.store.articles(ArticleQuery()).first)
        try temporary.store.deleteArticles([first.id])
        let next = try temporary.ingest(
            [sampleArticle(2, guid: "episode-2", url: "https://podcast.example/", text: "Two.")], feedID: id)
        #expect(next.inserted == 1)
    }

    @Test func duplicatesWithinOneFetchKeepTheFirst() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.org/feed")
        let summary = try temporary.ingest(
            [sampleArticle(1, guid: "a"), sampleArticle(1, guid: "b")].map {
                var article = $0
                article.guidIsDerived = true
                return article
            }, feedID: id)
        #expect(summary.inserted == 1)
        #expect(try temporary.store.integrityCheck() == ["ok"])
    }

    @Test func idsAndStoriesAreNeverReused() throws {
        let temporary = try TemporaryStore()
        let a = try temporary.addFeed("https://a.example/feed")
        let b = try temporary.addFeed("https://b.example/feed")
        try temporary.ingest([sampleArticle(1)], feedID: a)
        try temporary.ingest([sampleArticle(1, guid: "b-1")], feedID: b)
        let newest = try #require(try temporary.store.articles(ArticleQuery(feedID: b)).first)
        try temporary.store.deleteArticles([newest.id])
        try temporary.ingest([sampleArticle(2, guid: "b-2")], feedID: b)
        let replacement = try #require(try temporary.store.articles(ArticleQuery(feedID: b)).first)
        #expect(replacement.id > newest.id)
        #expect(replacement.duplicates == 0)
    }

    @Test func aConfiguredFeedThatMovedSurvivesTheNextSync() throws {
        let temporary = try TemporaryStore()
        _ = try temporary.store.syncConfigFeeds([NewFeed(url: "http://example.org/feed", source: .config)])
        let id = try temporary.store.feed("http://example.org/feed").id
        try temporary.ingest([sampleArticle(1)], feedID: id)
        let now = Date()
        for _ in 0..<2 {
            try temporary.store.apply(
                FeedUpdate(
                    feedID: id, attemptedAt: now, outcome: .notModified(etag: nil, lastModified: nil), nextDueAt: now,
                    permanentRedirect: "https://example.org/feed"))
        }
        let summary = try temporary.store.syncConfigFeeds([NewFeed(url: "http://example.org/feed", source: .config)])
        #expect(summary.removed.isEmpty)
        #expect(summary.added.isEmpty)
        #expect(try temporary.store.feed("https://example.org/feed").articleCount == 1)
    }
}

@Suite struct BatchTests {
    /// A fetch of `feedID` that brought `articles`.
    static func fetched(_ feedID: Int64, _ articles: [Article], at now: Date = Date()) -> FeedUpdate {
        FeedUpdate(
            feedID: feedID, attemptedAt: now,
            outcome: .fetched(status: 200, etag: nil, lastModified: nil, title: nil, siteLink: nil, articles: articles),
            nextDueAt: now)
    }

    @Test func aBatchStoresEachFeedWholeAndAFailingOneAlone() throws {
        let temporary = try TemporaryStore()
        let a = try temporary.addFeed("https://a.example/feed")
        let b = try temporary.addFeed("https://b.example/feed")
        // The middle update names a feed that does not exist: its articles break a foreign key.
        let results = temporary.store.apply(batch: [
            Self.fetched(a, (1...3).map { sampleArticle($0) }),
            Self.fetched(999, [sampleArticle(10, guid: "orphan", url: "https://x.example/1", text: "Orphan.")]),
            Self.fetched(b, (4...5).map { sampleArticle($0) }),
        ])
        #expect((try? results[0].get().inserted) == 3)
        #expect((try? results[2].get().inserted) == 2)
        guard case .failure = results[1] else {
            Issue.record("expected the orphan update to fail, got \(results[1])")
            return
        }
        #expect(try temporary.store.counts().articles == 5)
        #expect(try temporary.store.search("orphan").isEmpty)
        // The batch is indexed once, after the savepoints: the feeds on both sides of the failed one are found.
        #expect(try temporary.store.search("bridges").count == 5)
        #expect(try temporary.store.integrityCheck() == ["ok"])
    }

    @Test func aBatchWrittenAgainAfterAFailureStillJoinsItsFeedsStories() throws {
        // The failed attempt read its first feed's article into the story index and was rolled back whole; the
        // second attempt must neither miss that article nor match a row the rollback took away.
        let temporary = try TemporaryStore()
        let a = try temporary.addFeed("https://a.example/feed")
        let b = try temporary.addFeed("https://b.example/feed")
        let sketch = StoryTests.signature(agreeing: 64)
        let results = temporary.store.apply(batch: [
            Self.fetched(a, [StoryTests.article(1, feed: "a", signature: sketch)]),
            Self.fetched(999, [StoryTests.article(2, feed: "orphan", signature: sketch)]),
            Self.fetched(b, [StoryTests.article(3, feed: "b", signature: StoryTests.signature(agreeing: 40, seed: 1))]),
        ])
        #expect(results.map { (try? $0.get())?.inserted } == [1, nil, 1])
        let all = try temporary.store.articles(ArticleQuery(limit: 10))
        #expect(all.count == 2)
        let story = Dictionary(uniqueKeysWithValues: all.map { ($0.feed.id, $0.story) })
        #expect(story[a] != nil && story[a] == story[b])
        #expect(try temporary.store.integrityCheck() == ["ok"])
    }

    @Test func aSecondUpdateOfAFeedInOneBatchChangesWhatTheFirstInserted() throws {
        let temporary = try TemporaryStore()
        let feed = try temporary.addFeed("https://a.example/feed")
        let results = temporary.store.apply(batch: [
            Self.fetched(feed, [sampleArticle(1, title: "Old title")]),
            Self.fetched(feed, [sampleArticle(1, title: "Corrected title", text: "Body of story 1 about canals.")]),
        ])
        #expect((try? results[0].get().inserted) == 1)
        #expect((try? results[1].get().updated) == 1)
        #expect(try temporary.store.search("canals").count == 1)
        #expect(try temporary.store.search("bridges").isEmpty)
        #expect(try temporary.store.integrityCheck() == ["ok"])
    }
}
