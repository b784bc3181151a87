import FeedModel
import FeedStore
import Foundation
import GRDB
import Testing

/// Reader apps' streams: keyset pages, one article per story, filters, counts and whole-story marks.
@Suite struct StreamTests {
    /// Two feeds; articles 1…6 in feed A, and 4…6 again in feed B (the same stories), ingested after.
    static func twoFeeds() throws -> (TemporaryStore, a: Int64, b: Int64) {
        let store = try TemporaryStore()
        let a = try store.addFeed("https://a.example/feed")
        let b = try store.addFeed("https://b.example/feed")
        try store.ingest((1...6).map { sampleArticle($0) }, feedID: a)
        try store.ingest((4...6).map { sampleArticle($0, guid: "b-\($0)") }, feedID: b)
        return (store, a, b)
    }

    @Test func pagesFollowEachOtherWithoutGapsOrRepeats() throws {
        let store = try TemporaryStore()
        let feed = try store.addFeed("https://a.example/feed")
        // Ten articles share each sort time, so pages must break ties by id.
        let published = Date(timeIntervalSince1970: 1_780_000_000)
        let articles = (1...95).map { number in
            var article = sampleArticle(number, published: nil)
            article.published = published.addingTimeInterval(Double(number / 10) * 60)
            return article
        }
        try store.ingest(articles, feedID: feed)
        for oldestFirst in [false, true] {
            var seen: [StreamItemReference] = []
            var query = StreamQuery(oldestFirst: oldestFirst, limit: 7)
            while true {
                let page = try store.store.streamItemReferences(query)
                seen += page.items
                guard let next = page.next else { break }
                query.after = StreamPosition(token: next.token)
            }
            #expect(seen.count == 95)
            #expect(Set(seen.map(\.id)).count == 95)
            let keys = seen.map { [$0.sortAt, Double($0.id)] }
            #expect(
                keys
                    == keys.sorted { oldestFirst ? $0.lexicographicallyPrecedes($1) : $1.lexicographicallyPrecedes($0) }
            )
        }
    }

    @Test func aStoryIsListedOnceByItsEarliestMatchingArticle() throws {
        let (store, a, b) = try Self.twoFeeds()
        let all = try store.store.streamItems(StreamQuery(limit: 100)).items
        #expect(all.count == 6)
        #expect(all.allSatisfy { $0.feedID == a })
        // In feed B's own stream its copies are listed.
        let inB = try store.store.streamItems(StreamQuery(filters: [.feed(b)], limit: 100)).items
        #expect(inB.count == 3)
        #expect(inB.allSatisfy { $0.feedID == b })
    }

    @Test func readingOneCopyReadsTheStory() throws {
        let (store, _, b) = try Self.twoFeeds()
        let copy = try #require(try store.store.streamItems(StreamQuery(filters: [.feed(b)], limit: 1)).items.first)
        let found = try store.store.setStoriesRead([copy.id, 999_999], read: true)
        #expect(found == [copy.id])
        let unread = try store.store.streamItems(StreamQuery(exclusions: [.read], limit: 100)).items
        #expect(unread.count == 5)
        #expect(!unread.contains { $0.story == copy.story })
        let counts = try store.store.streamUnreadCounts()
        #expect(counts.all.stories == 5)
        #expect(counts.feeds[b]?.stories == 2)
        try store.store.setStoriesRead([copy.id], read: false)
        #expect(try store.store.streamUnreadCounts().all.stories == 6)
    }

    @Test func markingAStreamReadReachesTheCopiesInOtherFeeds() throws {
        let (store, a, b) = try Self.twoFeeds()
        let changed = try store.store.markStreamRead(StreamQuery(filters: [.feed(b)]), until: Date())
        #expect(changed == 6)
        let counts = try store.store.streamUnreadCounts()
        #expect(counts.feeds[a]?.stories == 3)
        #expect(counts.feeds[b] == nil)
        // Nothing first seen after the bound is touched.
        let past = try store.store.markStreamRead(StreamQuery(), until: Date(timeIntervalSince1970: 0))
        #expect(past == 0)
    }

    @Test func labelsStarsAndTheirRenames() throws {
        let (store, a, _) = try Self.twoFeeds()
        try store.store.editSubscription(a, addingTags: ["tech"])
        let first = try #require(try store.store.streamItems(StreamQuery(limit: 1)).items.first)
        #expect(try store.store.setArticleLabel("later", on: [first.id, 424_242], present: true) == [first.id])
        _ = try store.store.setStarred([first.id], starred: true)
        #expect(try store.store.streamItems(StreamQuery(filters: [.label("later")])).items.map(\.id) == [first.id])
        #expect(try store.store.streamItems(StreamQuery(filters: [.starred])).items.map(\.id) == [first.id])
        #expect(try store.store.streamItems(StreamQuery(filters: [.label("tech")], limit: 100)).items.count == 6)
        #expect(try store.store.streamLabels() == StreamLabels(feedTags: ["tech"], articleTags: ["later"]))
        #expect(try store.store.streamItems(ids: [first.id]).first?.tags == ["later"])
        let counts = try store.store.streamUnreadCounts()
        #expect(counts.labels["tech"]?.stories == 6)
        #expect(counts.labels["later"]?.stories == 1)
        try store.store.renameLabel("tech", to: "news")
        try store.store.removeLabel("later")
        #expect(try store.store.streamLabels() == StreamLabels(feedTags: ["news"], articleTags: []))
    }

    @Test func configFeedsKeepTheirTitleAndTags() throws {
        let store = try TemporaryStore()
        let feed = try store.addFeed("https://config.example/feed", source: .config)
        #expect(throws: StoreError.self) { try store.store.editSubscription(feed, title: "Mine") }
        _ = try store.store.syncConfigFeeds([NewFeed(url: "https://config.example/feed", tags: ["news"])])
        try store.store.removeLabel("news")
        try store.store.renameLabel("news", to: "old")
        #expect(try store.store.findSubscription(String(feed))?.tags == ["news"])
    }

    @Test func continuationTokensRoundTripAndRefuseOtherText() {
        let position = StreamPosition(sortAt: 1_780_000_000.123456, id: 42)
        #expect(StreamPosition(token: position.token) == position)
        for text in ["", "abc", "1-2-3", "zz-4", "41d0-x", "7ff8000000000000-1"] {
            #expect(StreamPosition(token: text) == nil)
        }
    }

    @Test func highlightsAndTimeBounds() throws {
        let (store, a, _) = try Self.twoFeeds()
        let oldest = try #require(try store.store.streamItems(StreamQuery(oldestFirst: true, limit: 1)).items.first)
        // A rule's highlight, as the ingest of a highlighting rule leaves it.
        try DatabaseQueue(path: store.path).write { db in
            try db.execute(sql: "UPDATE article SET highlighted = 1 WHERE id = ?", arguments: [oldest.id])
        }
        #expect(try store.store.streamItems(StreamQuery(filters: [.highlighted])).items.map(\.id) == [oldest.id])
        #expect(try store.store.streamUnreadCounts().labels["feedd/highlights"]?.stories == 1)
        let all = try store.store.streamItemReferences(StreamQuery(oldestFirst: true, limit: 100)).items
        #expect(all.count == 6)
        let middle = Date(timeIntervalSince1970: all[3].sortAt)
        let newer = try store.store.streamItemReferences(StreamQuery(newerThan: middle, limit: 100)).items
        let older = try store.store.streamItemReferences(StreamQuery(olderThan: middle, limit: 100)).items
        #expect(newer.count == 3)
        #expect(older.count == 3)
        #expect(Set(newer.map(\.id)).isDisjoint(with: older.map(\.id)))
        _ = try store.store.setStarred([all[1].id], starred: true)
        let starredInFeed = try store.store.streamItemReferences(
            StreamQuery(filters: [.feed(a), .starred], exclusions: [.read], limit: 100))
        #expect(starredInFeed.items.map(\.id) == [all[1].id])
    }
}
