import Testing

@testable import FeedExtraction

@Suite struct PageMetadataTests {
    private func content(head: String, after: String = "", url: String = "https://news.example/story?id=4")
        throws -> ExtractedContent
    {
        let page = try #require(
            HTMLPage(bytes: Array(Article.page(paragraphs: 6, head: head, after: after).utf8), url: url))
        return try #require(ContentExtractor.extract(from: page, rule: .auto))
    }

    @Test(
        arguments: [
            ("<link rel=\"canonical\" href=\"/2026/harbour\">", "https://news.example/2026/harbour"),
            ("<link rel=\"Canonical amphtml\" href=\"https://news.example/a\">", "https://news.example/a"),
            ("<meta property=\"og:url\" content=\"https://news.example/og\">", "https://news.example/og"),
            (
                "<meta property=\"og:url\" content=\"https://news.example/og\"><link rel=canonical href=/c>",
                "https://news.example/c"
            ),
            ("<link rel=\"canonical\" href=\"javascript:alert(1)\">", nil),
            ("<link rel=\"canonical\" href=\"ftp://news.example/a\">", nil),
            ("<link rel=\"alternate\" href=\"https://news.example/feed\">", nil),
            ("", nil),
        ] as [(String, String?)])
    func theCanonicalURLIsTheLinksElseOpenGraphs(head: String, expected: String?) throws {
        #expect(try content(head: head).canonicalURL == expected)
    }

    @Test func theCanonicalURLIsThereWithoutAnArticle() throws {
        let html = "<html><head><link rel=canonical href=/story></head><body><a href=/a>A</a></body></html>"
        let page = try #require(HTMLPage(bytes: Array(html.utf8), url: "https://news.example/story?utm_source=x"))
        #expect(ContentExtractor.extract(from: page, rule: .auto) == nil)
        #expect(ContentExtractor.canonicalURL(of: page) == "https://news.example/story")
    }

    @Test func theTitleIsOpenGraphsElseTheTitleElements() throws {
        #expect(try content(head: "").title == "Harbour closed | The Ledger")
        #expect(
            try content(head: "<meta property=\"og:title\" content=\"Harbour  &amp; wall\">").title == "Harbour & wall")
    }

    @Test(
        arguments: [
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"isAccessibleForFree\": false}</script>",
            "<script type=\"application/ld+json\">{\"isAccessibleForFree\":\"False\"}</script>",
            "<meta itemprop=\"isAccessibleForFree\" content=\"false\">",
        ])
    func aShortPageMarkedNotFreeIsAPaywallStub(head: String) throws {
        let page = try #require(
            HTMLPage(bytes: Array(Article.page(paragraphs: 2, head: head).utf8), url: "https://n.example/"))
        let content = try #require(ContentExtractor.extract(from: page, rule: .auto))
        #expect(content.isPaywallStub)
    }

    @Test(
        arguments: [
            "<div class=\"paywall\"><p>Get unlimited access.</p></div>",
            "<div class=\"gate\"><p>Subscribe to continue reading.</p><a href=/login>Log in</a></div>",
            "<div><p>This article is for subscribers only. Already a subscriber? Sign in.</p></div>",
        ])
    func aShortPageWithAPaywallNoticeIsAStub(after: String) throws {
        let html = Article.page(paragraphs: 2, after: after)
        let page = try #require(HTMLPage(bytes: Array(html.utf8), url: "https://n.example/"))
        let content = try #require(ContentExtractor.extract(from: page, rule: .auto))
        #expect(content.isPaywallStub)
        #expect(!content.text.contains("ubscribe"))
    }

    @Test func aWholeArticleIsNoStubWhateverItsNewsletterBoxSays() throws {
        let free = try content(head: "", after: "<div class=\"newsletter\"><p>Subscribe to our newsletter.</p></div>")
        #expect(!free.isPaywallStub)
        // Marked for subscribers but served whole (to a subscriber, or to a crawler): the article, not a stub.
        let long = try #require(
            HTMLPage(
                bytes: Array(
                    Article.page(paragraphs: 12, head: "<meta itemprop=isAccessibleForFree content=false>").utf8),
                url: "https://n.example/"))
        #expect(ContentExtractor.extract(from: long, rule: .auto)?.isPaywallStub == false)
    }
}
