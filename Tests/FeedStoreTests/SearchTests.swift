import FeedStore
import Foundation
import Testing

@Suite struct SearchTests {
    @Test(
        arguments: [
            ("swift concurrency", #""swift" "concurrency""#),
            (#""exact phrase" here"#, #""exact phrase" "here""#),
            ("c++ node.js", #""c++" "node.js""#),
            ("rust OR swift", #""rust" OR "swift""#),
            ("swif*", #""swif"*"#),
            ("apples -pears", #"("apples") NOT "pears""#),
            (#"unbalanced "quote"#, #""unbalanced" "quote""#),
            (#"say "hi"" there"#, #""say" "hi" "there""#),
            ("OR", nil),
            ("   ", nil),
        ] as [(String, String?)])
    func queriesBecomeSafeExpressions(query: String, expected: String?) {
        #expect(SearchExpression.fts5(query) == expected)
    }

    @Test func searchRanksAndMarksMatches() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.org/feed")
        try temporary.ingest(
            [
                sampleArticle(1, title: "Bridges of the river", text: "A long text about a river, rivers and more."),
                sampleArticle(2, title: "Cooking", text: "Nothing about water here. Café culture."),
                sampleArticle(3, title: "Bridge news", text: "The bridge over the river Kwai reopened."),
            ], feedID: id)
        let hits = try temporary.store.search("river")
        #expect(Set(hits.map(\.guid)) == ["guid-1", "guid-3"])
        #expect(
            hits.allSatisfy {
                $0.snippet?.contains("\u{1}river\u{2}") == true || $0.snippet?.contains("\u{1}River\u{2}") == true
            })
        #expect(try temporary.store.search("cafe").map(\.guid) == ["guid-2"])
        #expect(try temporary.store.search("\"over the river\"").map(\.guid) == ["guid-3"])
        #expect(try temporary.store.search("c++").isEmpty)
        let newest = try temporary.store.articles(ArticleQuery(search: "river"))
        #expect(newest.map(\.guid) == ["guid-3", "guid-1"])
    }
}
