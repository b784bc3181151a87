import FeedModel
import FeedStore
import Foundation
import Testing

/// Which stored articles a digest selection covers: by id after a watermark, and by publication time (undated
/// articles: first seen), the time `feedctl articles --since` uses too.
@Suite struct DigestSelectionTests {
    static let now = Date(timeIntervalSince1970: 1_795_935_600)

    /// One feed fetched at `now` with an article published three days ago, one an hour ago, an undated one and
    /// one dated in the future; their ids in that order.
    static func store() throws -> (TemporaryStore, [String: Int64]) {
        let temporary = try TemporaryStore()
        let feed = try temporary.addFeed("https://a.example/feed")
        var old = sampleArticle(1, title: "Old", published: nil)
        old.published = now.addingTimeInterval(-3 * 86_400)
        var fresh = sampleArticle(2, title: "Fresh", published: nil)
        fresh.published = now.addingTimeInterval(-3600)
        let undated = sampleArticle(3, title: "Undated", published: nil)
        var future = sampleArticle(4, title: "Future", published: nil)
        future.published = now.addingTimeInterval(86_400)
        try temporary.ingest([old, fresh, undated, future], feedID: feed, at: now)
        let ids = try temporary.store.articles(ArticleQuery(limit: 10)).reduce(into: [String: Int64]()) {
            $0[$1.title ?? ""] = $1.id
        }
        return (temporary, ids)
    }

    @Test func publishedSinceSelectsByPublicationElseFirstSeen() throws {
        let (temporary, _) = try Self.store()
        let store = temporary.store
        let through = try store.newestArticleID()
        let selection = DigestSelection(
            afterID: nil, publishedSince: Self.now.addingTimeInterval(-86_400), throughID: through)
        let titles = try store.digestRows(selection, includeHTML: false).compactMap(\.title)
        // First seen now, but published three days ago: not news of the last day. A future date counts as now.
        #expect(Set(titles) == ["Fresh", "Undated", "Future"])
        #expect(try store.digestLeftOutCount(selection) == 1)
        // The same articles as `articles --since`.
        let listed = try store.articles(ArticleQuery(since: Self.now.addingTimeInterval(-86_400), limit: 10))
        #expect(Set(listed.compactMap(\.title)) == Set(titles))

        let everything = DigestSelection(afterID: nil, publishedSince: nil, throughID: through)
        #expect(try store.digestRows(everything, includeHTML: false).count == 4)
        #expect(try store.digestLeftOutCount(everything) == 0)
    }

    @Test func afterAWatermarkBothTheIdAndThePublicationCount() throws {
        let (temporary, ids) = try Self.store()
        let store = temporary.store
        let through = try store.newestArticleID()
        let fresh = try #require(ids["Fresh"])
        let selection = DigestSelection(
            afterID: fresh, publishedSince: Self.now.addingTimeInterval(-2 * 86_400), throughID: through)
        let titles = try store.digestRows(selection, includeHTML: false).compactMap(\.title)
        // Stored after "Fresh" (ids are in feed order: Old, Fresh, Undated, Future).
        #expect(Set(titles) == ["Undated", "Future"])
        #expect(try store.digestLeftOutCount(selection) == 0)
        let all = DigestSelection(
            afterID: 0, publishedSince: Self.now.addingTimeInterval(-2 * 86_400), throughID: through)
        #expect(try store.digestLeftOutCount(all) == 1)
    }
}
