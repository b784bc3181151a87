import Testing

@testable import FeedModel

/// AMP pages and mobile hosts name the article they copy.
@Suite struct ArticleURLVariantTests {
    @Test(
        arguments: [
            ("https://news.example/2026/12/bridge/amp/", "https://news.example/2026/12/bridge/"),
            ("https://news.example/amp/2026/12/bridge", "https://news.example/2026/12/bridge"),
            ("https://news.example/reviews/amp/blues-junior", "https://news.example/reviews/amp/blues-junior"),
            ("https://news.example/2026/12/bridge/amp", "https://news.example/2026/12/bridge"),
            ("https://news.example/story.amp.html", "https://news.example/story.html"),
            ("https://news.example/story.amp", "https://news.example/story"),
            ("https://news.example/story?outputType=amp", "https://news.example/story"),
            ("https://news.example/story?id=4&amp=1", "https://news.example/story?id=4"),
            ("https://news.example/story?amp", "https://news.example/story"),
            ("https://amp.news.example/story", "https://news.example/story"),
            // Not AMP: a word that holds the letters, a parameter named otherwise, a two-label host.
            ("https://news.example/campaign/example", "https://news.example/campaign/example"),
            ("https://news.example/story?ampere=5", "https://news.example/story?ampere=5"),
            ("https://amp.example/story", "https://amp.example/story"),
        ])
    func ampVariantsFoldIntoTheArticle(link: String, expected: String) {
        #expect(CanonicalURL.canonicalize(link: link, origLink: nil) == expected)
    }

    @Test func hostVariantsJoinMobileAndDesktop() {
        #expect(
            CanonicalURL.hostVariants(of: "https://m.news.example/a?b=1") == [
                "https://news.example/a?b=1", "https://www.news.example/a?b=1",
            ])
        #expect(
            CanonicalURL.hostVariants(of: "https://news.example/a") == [
                "https://www.news.example/a", "https://m.news.example/a",
            ])
        #expect(
            CanonicalURL.hostVariants(of: "https://mobile.news.example/") == [
                "https://news.example/", "https://www.news.example/", "https://m.news.example/",
            ])
        #expect(CanonicalURL.hostVariants(of: "http://127.0.0.1/a").isEmpty)
        #expect(CanonicalURL.hostVariants(of: "http://localhost:8080/a").isEmpty)
        #expect(CanonicalURL.host(of: "https://user@WWW.News.example:8443/a?b") == "www.news.example")
        #expect(CanonicalURL.host(of: "https://[::1]:80/") == "[::1]")
        #expect(CanonicalURL.host(of: "ftp://news.example/") == nil)
    }
}
