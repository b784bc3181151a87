import FeedModel
import FeedStore
import Foundation
import Testing

/// The daemon empties SQLite's write-ahead log after a cycle when reader apps may have kept it from starting over.
@Suite struct WriteAheadLogTests {
    static func walSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int) ?? 0
    }

    @Test func truncatingLeavesAnEmptyLogAndEveryArticle() throws {
        let fixture = try TemporaryStore()
        let feed = try fixture.addFeed("https://example.org/feed.xml")
        try fixture.ingest((1...300).map { sampleArticle($0) }, feedID: feed)
        #expect(Self.walSize(fixture.path) > 0)
        try fixture.store.truncateWriteAheadLog()
        #expect(Self.walSize(fixture.path) == 0)
        #expect(try fixture.store.articles(ArticleQuery(limit: 1000)).count == 300)
    }
}
