import FeedModel
import FeedStore
import Foundation
import Testing

/// Near-duplicate stories across feeds, unique-story listings, and what the store keeps for the cleaner.
@Suite struct StoryTests {
    /// A sketch agreeing with the base sketch in `agreeing` of its 64 places.
    static func signature(agreeing: Int, seed: UInt32 = 0) -> StorySignature? {
        let values = (0..<StorySignature.count).map { index in
            index < agreeing ? UInt32(index) * 7_919 : 1_000_000 + seed * 1_000 + UInt32(index)
        }
        return StorySignature(values: values, shingleCount: 200)
    }

    static func article(
        _ number: Int, feed: String, signature: StorySignature?,
        published: Date = Date(timeIntervalSince1970: 1_780_000_000)
    ) -> Article {
        var article = sampleArticle(
            number, guid: "\(feed)-\(number)", url: "https://\(feed).example/\(number)",
            text: "Text \(number) as \(feed) wrote it.", published: published)
        article.published = published
        article.signature = signature
        return article
    }

    @Test func nearDuplicateTextsOfOtherFeedsJoinOneStory() throws {
        let temporary = try TemporaryStore()
        let a = try temporary.addFeed("https://a.example/feed")
        let b = try temporary.addFeed("https://b.example/feed")
        let c = try temporary.addFeed("https://c.example/feed")
        try temporary.ingest([Self.article(1, feed: "a", signature: Self.signature(agreeing: 64))], feedID: a)
        // 40 of 64 places agree (about 0.62): an edited copy. 20 agree (about 0.31): another story.
        try temporary.ingest([Self.article(2, feed: "b", signature: Self.signature(agreeing: 40, seed: 1))], feedID: b)
        try temporary.ingest([Self.article(3, feed: "c", signature: Self.signature(agreeing: 20, seed: 2))], feedID: c)
        let all = try temporary.store.articles(ArticleQuery(limit: 10))
        let story = Dictionary(uniqueKeysWithValues: all.map { ($0.feed.id, $0.story) })
        #expect(story[a] == story[b])
        #expect(story[c] != story[a])
    }

    @Test func aSecondWriterSeesTheFirstOnesArticlesAsCandidates() throws {
        // Two FeedStore objects on one file stand for feedd and `feedctl add`: each indexes what the other stored.
        let temporary = try TemporaryStore()
        let other = try FeedStore(path: temporary.path, role: .daemon)
        let a = try temporary.addFeed("https://a.example/feed")
        let b = try temporary.addFeed("https://b.example/feed")
        let c = try temporary.addFeed("https://c.example/feed")
        // The first writer stores (and so indexes) an unrelated story first.
        try temporary.ingest([Self.article(1, feed: "a", signature: Self.signature(agreeing: 0, seed: 9))], feedID: a)
        let date = Date()
        let sketch = Self.signature(agreeing: 64)
        try other.apply(
            FeedUpdate(
                feedID: b, attemptedAt: date,
                outcome: .fetched(
                    status: 200, etag: nil, lastModified: nil, title: nil, siteLink: nil,
                    articles: [Self.article(2, feed: "b", signature: sketch)]),
                nextDueAt: date))
        // c's copy can only find b's article, which the other writer stored after this one last read the table.
        try temporary.ingest([Self.article(3, feed: "c", signature: sketch)], feedID: c)
        let story = Dictionary(
            uniqueKeysWithValues: try temporary.store.articles(ArticleQuery(limit: 10)).map { ($0.feed.id, $0.story) })
        #expect(story[c] == story[b])
        #expect(story[a] != story[b])
    }

    @Test func copiesFarApartInTimeAreNewStories() throws {
        let temporary = try TemporaryStore()
        let a = try temporary.addFeed("https://a.example/feed")
        let b = try temporary.addFeed("https://b.example/feed")
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        try temporary.ingest(
            [Self.article(1, feed: "a", signature: Self.signature(agreeing: 64), published: start)], feedID: a,
            at: start)
        let later = start.addingTimeInterval(StoryMatching.window + 3_600)
        try temporary.ingest(
            [Self.article(2, feed: "b", signature: Self.signature(agreeing: 64), published: later)], feedID: b,
            at: later)
        let stories = Set(try temporary.store.articles(ArticleQuery(limit: 10)).map(\.story))
        #expect(stories.count == 2)
    }

    @Test func articlesWithoutSketchOnlyJoinByLinkOrText() throws {
        let temporary = try TemporaryStore()
        let a = try temporary.addFeed("https://a.example/feed")
        let b = try temporary.addFeed("https://b.example/feed")
        try temporary.ingest([Self.article(1, feed: "a", signature: nil)], feedID: a)
        try temporary.ingest([Self.article(2, feed: "b", signature: nil)], feedID: b)
        #expect(Set(try temporary.store.articles(ArticleQuery(limit: 10)).map(\.story)).count == 2)
    }

    @Test func uniqueListingShowsTheEarliestArticleWithTheOtherFeeds() throws {
        let temporary = try TemporaryStore()
        let a = try temporary.addFeed("https://a.example/feed")
        let b = try temporary.addFeed("https://b.example/feed")
        let c = try temporary.addFeed("https://c.example/feed")
        let shared = Self.signature(agreeing: 64)
        try temporary.ingest([Self.article(1, feed: "a", signature: shared)], feedID: a)
        try temporary.ingest(
            [Self.article(2, feed: "b", signature: shared), Self.article(5, feed: "b", signature: nil)], feedID: b)
        try temporary.ingest([Self.article(3, feed: "c", signature: shared)], feedID: c)
        var query = ArticleQuery(limit: 10)
        query.uniqueStories = true
        let unique = try temporary.store.articles(query)
        #expect(unique.count == 2)
        let story = try #require(unique.first { $0.guid == "a-1" })
        #expect(story.alsoIn.map(\.url) == ["https://b.example/feed", "https://c.example/feed"])
        #expect(unique.contains { $0.guid == "b-5" && $0.alsoIn.isEmpty })
        // Within one feed's listing, that feed's copy stands for the story.
        query.feedID = c
        #expect(try temporary.store.articles(query).map(\.guid) == ["c-3"])
    }

    @Test func aFeedMovingToHTTPSUnderNewGuidsKeepsItsArticles() throws {
        let temporary = try TemporaryStore()
        let a = try temporary.addFeed("https://a.example/feed")
        let old = (1...20).map { sampleArticle($0, url: "http://a.example/post/\($0)") }
        try temporary.ingest(old, feedID: a)
        // The CMS changed: new guids, https links, and a new byline in every text.
        let moved = (1...20).map {
            sampleArticle(
                $0, guid: "https://a.example/?p=\($0)", url: "https://a.example/post/\($0)",
                text: "Rewritten body \($0).")
        }
        let summary = try temporary.ingest(moved, feedID: a)
        #expect(summary.inserted == 0)
        #expect(summary.updated == 20)
        #expect(try temporary.store.articles(ArticleQuery(limit: 100)).count == 20)
    }

    @Test func templateMemoryIsKeptWithTheFeed() throws {
        let temporary = try TemporaryStore()
        let a = try temporary.addFeed("https://a.example/feed")
        #expect(try temporary.store.templateMemory(feedID: a) == nil)
        let date = Date()
        var update = FeedUpdate(
            feedID: a, attemptedAt: date,
            outcome: .fetched(status: 200, etag: nil, lastModified: nil, title: nil, siteLink: nil, articles: []),
            nextDueAt: date)
        update.templateMemory = [1, 2, 3]
        try temporary.store.apply(update)
        #expect(try temporary.store.templateMemory(feedID: a) == [1, 2, 3])
        update.templateMemory = nil
        try temporary.store.apply(update)
        #expect(try temporary.store.templateMemory(feedID: a) == [1, 2, 3])
    }

    @Test func signaturesSurviveEncoding() throws {
        let signature = try #require(Self.signature(agreeing: 10, seed: 3))
        #expect(StorySignature(encoded: signature.encoded) == signature)
        #expect(StorySignature(encoded: Array(signature.encoded.dropLast())) == nil)
        #expect(StorySignature(encoded: [0] + signature.encoded.dropFirst()) == nil)
        #expect(StorySignature(values: [1, 2, 3], shingleCount: 3) == nil)
        #expect(signature.bandKeys.count == StorySignature.bands)
        #expect(Set(signature.bandKeys).count == StorySignature.bands)
    }
}
