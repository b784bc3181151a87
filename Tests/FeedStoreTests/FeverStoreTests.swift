import FeedModel
import FeedStore
import Foundation
import Testing

/// The Fever API's reads and marks in the store: one item per story, paging by id, marks by feed and time.
@Suite struct FeverStoreTests {
    /// Article `number` of a story shared by every feed that carries `story`.
    static func article(_ number: Int, story: Int) -> Article {
        sampleArticle(
            number, guid: "guid-\(number)", url: "https://example.org/shared/\(story)", title: "Story \(story)",
            text: "Shared body of story \(story) about rivers, bridges and the harbour's long winter.")
    }

    @Test func copiesInOtherFeedsAreNeverItems() throws {
        let temporary = try TemporaryStore()
        let a = try temporary.addFeed("https://a.example/feed")
        let b = try temporary.addFeed("https://b.example/feed")
        try temporary.ingest([Self.article(1, story: 1), Self.article(2, story: 2)], feedID: a)
        try temporary.ingest([Self.article(3, story: 1), Self.article(4, story: 4)], feedID: b)
        let all = try temporary.store.articles(ArticleQuery(limit: 10))
        #expect(all.count == 4)
        let items = try temporary.store.feverItems(.after(0))
        #expect(items.map(\.id) == [1, 2, 4])
        #expect(items.map(\.feedID) == [a, a, b])
        #expect(try temporary.store.feverItemCount() == 3)
        #expect(try temporary.store.feverUnreadItemIDs(limit: 100) == [1, 2, 4])
        #expect(try temporary.store.feverItems(.ids([3, 4, 99])).map(\.id) == [4])
    }

    @Test func itemsCarryWhatFeverShows() throws {
        let temporary = try TemporaryStore()
        let a = try temporary.addFeed("https://a.example/feed")
        try temporary.ingest([sampleArticle(1)], feedID: a)
        let item = try #require(try temporary.store.feverItems(.after(0)).first)
        #expect(item.title == "Story 1")
        #expect(item.author == "Ann Writer")
        #expect(item.contentHTML == "<p>Body of story 1 about rivers and bridges.</p>")
        #expect(item.summary == "Body of story 1 about rivers and bridges.")
        #expect(item.url.hasPrefix("https://example.org/story/1"))
        #expect(!item.isRead && !item.isSaved)
        #expect(item.created == Date(timeIntervalSince1970: 1_780_000_060))
    }

    @Test func pagesGoUpFromSinceAndDownFromMax() throws {
        let temporary = try TemporaryStore()
        let a = try temporary.addFeed("https://a.example/feed")
        try temporary.ingest((1...8).map { sampleArticle($0) }, feedID: a)
        #expect(try temporary.store.feverItems(.after(0), limit: 3).map(\.id) == [1, 2, 3])
        #expect(try temporary.store.feverItems(.after(3), limit: 3).map(\.id) == [4, 5, 6])
        #expect(try temporary.store.feverItems(.before(6), limit: 3).map(\.id) == [5, 4, 3])
        #expect(try temporary.store.feverItems(.before(2), limit: 3).map(\.id) == [1])
        #expect(try temporary.store.feverUnreadItemIDs(limit: 3) == [6, 7, 8])
    }

    @Test func markingAFeedReadStopsAtBeforeAndTakesTheStoriesAlong() throws {
        let temporary = try TemporaryStore()
        let a = try temporary.addFeed("https://a.example/feed")
        let b = try temporary.addFeed("https://b.example/feed")
        let early = Date(timeIntervalSince1970: 1_790_000_000)
        let late = early.addingTimeInterval(3600)
        try temporary.ingest([Self.article(1, story: 1)], feedID: b, at: early)
        try temporary.ingest([Self.article(2, story: 1), Self.article(3, story: 3)], feedID: a, at: early)
        try temporary.ingest([Self.article(4, story: 4)], feedID: a, at: late)
        let changed = try temporary.store.markFeverFeedsRead([a], before: early.addingTimeInterval(60))
        #expect(changed == 3)
        // Article 1 (feed b) is the copy of article 2's story: read with it. Article 4 came after `before`.
        #expect(try temporary.store.article(id: 1)?.readAt != nil)
        #expect(try temporary.store.article(id: 3)?.readAt != nil)
        #expect(try temporary.store.article(id: 4)?.readAt == nil)
        #expect(try temporary.store.markFeverFeedsRead(nil, before: late.addingTimeInterval(1)) == 1)
        #expect(try temporary.store.feverUnreadItemIDs(limit: 10).isEmpty)
    }

    @Test func savedFollowsTheStoryAndUnsavingClearsEveryCopy() throws {
        let temporary = try TemporaryStore()
        let a = try temporary.addFeed("https://a.example/feed")
        let b = try temporary.addFeed("https://b.example/feed")
        try temporary.ingest([Self.article(1, story: 1)], feedID: a)
        try temporary.ingest([Self.article(2, story: 1)], feedID: b)
        // Starred through another API on the copy: the item shows saved.
        _ = try temporary.store.setStarred([2], starred: true)
        #expect(try temporary.store.feverSavedItemIDs(limit: 10) == [1])
        #expect(try temporary.store.feverItems(.after(0)).first?.isSaved == true)
        #expect(try temporary.store.setFeverItemSaved(1, saved: false))
        #expect(try temporary.store.article(id: 2)?.starredAt == nil)
        #expect(try temporary.store.feverSavedItemIDs(limit: 10).isEmpty)
        #expect(try temporary.store.setFeverItemSaved(1, saved: true))
        #expect(try temporary.store.article(id: 1)?.starredAt != nil)
        #expect(try !temporary.store.setFeverItemSaved(99, saved: true))
    }

    @Test func feedsListTitlesTagsAndTheLastSuccess() throws {
        let temporary = try TemporaryStore()
        #expect(try temporary.store.feverLastRefreshed() == nil)
        let a = try temporary.addFeed("https://a.example/feed")
        let date = Date(timeIntervalSince1970: 1_790_000_000)
        try temporary.ingest([sampleArticle(1)], feedID: a, at: date)
        let feeds = try temporary.store.feverFeeds()
        #expect(feeds.map(\.id) == [a])
        #expect(feeds.first?.title == "Feed \(a)")
        #expect(feeds.first?.lastSuccess == date)
        #expect(try temporary.store.feverLastRefreshed() == date)
    }
}
