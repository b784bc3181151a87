import Foundation
import TestSupport
import Testing

/// `feedd --once` with `full_text`: article pages fetched from a loopback server replace the feed's teasers,
/// within the per-feed page budget, and failures are counted where the owner looks.
@Suite(.serialized) struct FullTextTests {
    func runFeedd(_ sandbox: FeedctlSandbox) throws -> FeedctlBinary.Result {
        try FeedctlBinary.run(["--config", sandbox.configPath, "--once"], executable: FeedctlBinary.feedd)
    }

    @Test func pagesReplaceTeasersWithinTheBudgetAndFailuresAreCounted() throws {
        let server = try LoopbackHTTPServer(lifetime: .seconds(60), concurrent: true)
        defer { server.stop() }
        for number in 1...3 {
            server.setRoute("/story-\(number)", .ok(ArticlePage.html(number), contentType: "text/html; charset=utf-8"))
        }
        server.setRoute("/gone-4", LoopbackHTTPServer.Response(status: 404))
        let feed = ArticlePage.teaserFeed(server, items: [1, 2, 4, 3]) { $0 == 4 ? "/gone-4" : "/story-\($0)" }
        server.setRoute(
            "/feed.xml",
            LoopbackHTTPServer.Response(
                headers: [("Content-Type", "application/rss+xml"), ("ETag", "\"v1\"")], body: Array(feed.utf8)))
        let sandbox = try FeedctlSandbox(
            fetchTOML: "full_text_pages = 3",
            extraTOML: """
                [[feed]]
                url = \(FeedctlSandbox.tomlString(server.url("/feed.xml")))
                full_text = "auto"
                """)

        let first = try runFeedd(sandbox)

        #expect(first.status == 0, "\(first.standardError)")
        #expect(
            first.standardError.contains("full text left new articles for the next fetch"), "\(first.standardError)")
        var articles = try sandbox.articles([])
        #expect(articles.count == 3)
        let story1 = try #require(articles.first { $0["title"] as? String == "Story 1" })
        let content = try #require(story1["content_html"] as? String)
        #expect(content.contains("Sentence 12 of the body of story 1"), "\(content)")
        #expect(!content.contains("cookies") && !content.contains("Another story") && !content.contains("Contact"))
        let story4 = try #require(articles.first { $0["title"] as? String == "Story 4" })
        #expect((story4["content_html"] as? String)?.contains("two lines") == true, "a failed page keeps the teaser")
        var shown = try #require(try sandbox.json(["show", "1", "--json"]) as? [String: Any])
        #expect(shown["full_text_fetched"] as? Int == 2)
        #expect(shown["full_text_failures"] as? Int == 1)
        #expect((shown["full_text_error"] as? String)?.contains("HTTP 404") == true, "\(shown)")
        #expect(shown["etag"] is NSNull, "the feed is asked afresh while articles wait")

        // The next fetch is unconditional and brings the article left over; known ones are not fetched again.
        _ = try sandbox.succeed(["refresh"])
        let before = server.receivedRequests.count
        let second = try runFeedd(sandbox)
        #expect(second.status == 0, "\(second.standardError)")
        let asked = server.receivedRequests.dropFirst(before).map(\.target)
        #expect(asked.sorted() == ["/feed.xml", "/story-3"])
        #expect(server.receivedRequests.dropFirst(before).first?.header("If-None-Match") == nil)
        articles = try sandbox.articles([])
        #expect(articles.count == 4)
        let story3 = try #require(articles.first { $0["title"] as? String == "Story 3" })
        #expect((story3["content_html"] as? String)?.contains("Sentence 12 of the body of story 3") == true)
        shown = try #require(try sandbox.json(["show", "1", "--json"]) as? [String: Any])
        #expect(shown["full_text_fetched"] as? Int == 3)
        #expect(shown["full_text_failures"] as? Int == 0)
        #expect(shown["etag"] as? String == "\"v1\"")
    }
}
