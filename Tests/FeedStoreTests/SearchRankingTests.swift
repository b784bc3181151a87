import FeedModel
import Foundation
import GRDB
import Testing

@testable import FeedStore

/// `feedd_bm25`, the ranking of `search`: FTS5's BM25 with term weights the caller counts in the newest articles.
@Suite struct SearchRankingTests {
    @Test(
        arguments: [
            ("swift concurrency", [#""swift""#, #""concurrency""#]),
            ("rust OR swift", [#""rust""#, #""swift""#]),
            ("apples -pears -plums", [#""apples""#, #""pears""#, #""plums""#]),
            (#"swif* "exact phrase""#, [#""swif"*"#, #""exact phrase""#]),
            ("OR", []),
        ] as [(String, [String])])
    func phrasesComeInTheOrderFTS5NumbersThem(query: String, expected: [String]) {
        #expect(SearchExpression.phrases(query) == expected)
    }

    /// In a store smaller than the sample the weights are counted in every article, as `bm25()` counts them, so
    /// the scores are `bm25()`'s; so are they when the weights given do not fit the query's phrases.
    @Test(arguments: [
        "river", "river bridge", "river OR cafe", "river -kwai", #""over the river" bridge*"#, "river - bridge",
    ])
    func scoresAreBM25sOnASmallStore(query: String) throws {
        let temporary = try TemporaryStore()
        let feed = try temporary.addFeed("https://example.org/feed")
        try temporary.ingest(
            [
                sampleArticle(1, title: "Bridges of the river", text: "A long text about a river, rivers and more."),
                sampleArticle(2, title: "Cooking", text: "Nothing about water here. Café culture."),
                sampleArticle(3, title: "Bridge news", text: "The bridge over the river Kwai reopened."),
                sampleArticle(4, title: "River river river", text: "The river, the river and the bridge."),
                sampleArticle(5, title: "Long", text: String(repeating: "words and more words ", count: 40) + "river"),
            ], feedID: feed)
        let expression = try #require(SearchExpression.fts5(query))
        let scores = try temporary.store.read { db in
            let rank = try SearchRanking.rank(for: SearchExpression.phrases(query), db: db)
            let withWeights = rank.replacingOccurrences(of: "feedd_bm25(", with: "feedd_bm25(article_search, ")
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT bm25(article_search), \(withWeights), feedd_bm25(article_search)
                    FROM article_search WHERE article_search MATCH ?
                    """,
                arguments: [expression]
            ).map { [$0[0], $0[1], $0[2]] as [Double] }
        }
        #expect(!scores.isEmpty)
        for row in scores {
            #expect(abs(row[1] - row[0]) < 1e-9)
            #expect(abs(row[2] - row[0]) < 1e-9)
        }
    }

    /// A query of more words than the weights passed up front (FTS5 reads them as columns, at most 2,000) is ranked
    /// with the weights `feedd_bm25` counts itself.
    @Test func aQueryOfManyWordsIsStillRanked() throws {
        let temporary = try TemporaryStore()
        let feed = try temporary.addFeed("https://example.org/feed")
        try temporary.ingest(
            [
                sampleArticle(1, title: "Rivers", text: "A river."),
                sampleArticle(2, title: "Cooking", text: "Nothing here."),
            ], feedID: feed)
        let query = (["river"] + (1...SearchRanking.maximumWeighedPhrases + 36).map { "word\($0)" })
            .joined(separator: " OR ")
        #expect(try temporary.store.search(query).count == 1)
    }

    /// Weights follow BM25's formula, and a word in most articles still counts a little.
    @Test func weightsAreBM25sIDF() {
        #expect(abs(SearchRanking.weight(hits: 1, rows: 100) - log(99.5 / 1.5)) < 1e-12)
        #expect(SearchRanking.weight(hits: 90, rows: 100) == 1e-6)
    }

    /// The best match comes first, whatever its age.
    @Test func searchRanksByRelevanceWithinTheWindow() throws {
        let temporary = try TemporaryStore()
        let feed = try temporary.addFeed("https://example.org/feed")
        try temporary.ingest(
            [
                sampleArticle(1, title: "Ferry", text: "The ferry crossed the river river river at dawn."),
                sampleArticle(2, title: "Weather", text: "Rain all week; one mention of the river."),
                sampleArticle(3, title: "Sport", text: "Nothing here."),
            ], feedID: feed)
        #expect(try temporary.store.search("river").map(\.guid) == ["guid-1", "guid-2"])
        #expect(try temporary.store.search("river", limit: 1).map(\.guid) == ["guid-1"])
    }
}
