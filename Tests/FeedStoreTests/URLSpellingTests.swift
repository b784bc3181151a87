import FeedModel
import Foundation
import Testing

@testable import FeedStore

/// Ingest finds a link under its other spellings through one key (`ArticleURLKey`); the key is wider than the
/// spellings, and these cases pin down that matching is by the spellings alone.
@Suite struct URLSpellingTests {
    /// A stored article of one feed, then another feed's article with a different text at `incoming`: one story
    /// when the links are spellings of one URL.
    @Test(arguments: [
        ("https://news.example/a", "http://news.example/a", true),
        ("https://www.news.example/a", "http://news.example/a", true),
        ("https://news.example/a", "https://m.news.example/a", true),
        ("http://m.news.example/a", "https://www.news.example/a", true),
        // `mobile.` is dropped from an incoming link, never added to one: the key joins both ways, matching not.
        ("https://news.example/a", "https://mobile.news.example/a", true),
        ("https://mobile.news.example/a", "https://news.example/a", false),
        ("https://mobile.news.example/a", "https://www.news.example/a", false),
        // Same key, other scheme than http(s): not a spelling.
        ("ftp://news.example/a", "https://news.example/a", false),
        ("https://news.example/a", "https://news.example/b", false),
        ("https://www.www.news.example/a", "https://news.example/a", false),
    ])
    func linksJoinAStoryOnlyUnderTheirSpellings(stored: String, incoming: String, joined: Bool) throws {
        let temporary = try TemporaryStore()
        let a = try temporary.addFeed("https://a.example/feed")
        let b = try temporary.addFeed("https://b.example/feed")
        try temporary.ingest([sampleArticle(1, guid: "a-1", url: stored, text: "First telling.")], feedID: a)
        try temporary.ingest([sampleArticle(2, guid: "b-1", url: incoming, text: "Second telling.")], feedID: b)
        let articles = try temporary.store.articles(ArticleQuery(limit: 10))
        #expect(articles.count == 2)
        #expect((Set(articles.map(\.story)).count == 1) == joined)
    }

    @Test func theKeyDropsSchemeAndHostPrefixes() {
        #expect(ArticleURLKey.key(of: "https://www.news.example/a?b=1") == "news.example/a?b=1")
        #expect(ArticleURLKey.key(of: "http://m.www.news.example/") == "news.example/")
        #expect(ArticleURLKey.key(of: "news.example/a") == "news.example/a")
    }
}
