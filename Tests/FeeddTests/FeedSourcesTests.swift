import Foundation
import TestSupport
import Testing

/// `feedd --once` with feeds that are not plain feeds at a URL: a command's output, and a feed behind Basic
/// credentials and a header read from files.
@Suite(.serialized) struct FeedSourcesTests {
    func runFeedd(_ sandbox: FeedctlSandbox) throws -> FeedctlBinary.Result {
        try FeedctlBinary.run(["--config", sandbox.configPath, "--once"], executable: FeedctlBinary.feedd)
    }

    @Test func aCommandsOutputIsAFeedAndItsFailureIsOneLine() throws {
        let sandbox = try FeedctlSandbox()
        let feed = try sandbox.write(NumberedFeed.rss("made", items: 1...4), to: "made.xml")
        let toml = """
            [[feed]]
            kind = "exec"
            command = ["/bin/cat", \(FeedctlSandbox.tomlString(feed))]
            tags = ["Local"]

            [[feed]]
            kind = "exec"
            command = ["/bin/sh", "-c", "echo 'login failed' >&2; exit 3"]
            """
        let configured = try FeedctlSandbox(extraTOML: toml)

        let result = try runFeedd(configured)

        #expect(result.status == 0, "\(result.standardError)")
        let feeds = try configured.feeds()
        let byURL = Dictionary(uniqueKeysWithValues: feeds.map { ($0["url"] as? String ?? "", $0) })
        let made = try #require(byURL["exec:/bin/cat%20" + feed.replacingOccurrences(of: " ", with: "%20")])
        #expect(made["state"] as? String == "ok")
        #expect(made["kind"] as? String == "exec")
        #expect(try configured.articles([]).count == 4)
        let failing = try #require(byURL["exec:/bin/sh%20-c%20echo%20'login%20failed'%20%3E&2%3B%20exit%203"])
        #expect(failing["state"] as? String == "failing")
        #expect(
            (failing["last_error"] as? String)?.hasSuffix(
                "command /bin/sh: exited with status 3: login failed") == true, "\(failing)")
    }

    @Test func aFeedsCredentialsAndHeaderComeFromTheirFiles() throws {
        let server = try LoopbackHTTPServer(routes: ["/private.xml": .ok(NumberedFeed.rss("private", items: 1...2))])
        defer { server.stop() }
        let setup = try FeedctlSandbox()
        let password = try setup.write("pw-1\n", to: "feed.pass")
        let token = try setup.write("tok-2\n", to: "token")
        let sandbox = try FeedctlSandbox(
            extraTOML: """
                [[feed]]
                url = \(FeedctlSandbox.tomlString(server.url("/private.xml")))
                username = "reader"
                password_file = \(FeedctlSandbox.tomlString(password))
                headers = { "X-Api-Key" = \(FeedctlSandbox.tomlString("file:" + token)) }
                user_agent = "Private/1"
                """)

        let result = try runFeedd(sandbox)

        #expect(result.status == 0, "\(result.standardError)")
        let received = try #require(server.receivedRequests.first)
        #expect(received.header("Authorization") == "Basic " + Data("reader:pw-1".utf8).base64EncodedString())
        #expect(received.header("X-Api-Key") == "tok-2")
        #expect(received.header("User-Agent") == "Private/1")
        #expect(try sandbox.articles([]).count == 2)
        #expect(!result.standardError.contains("pw-1") && !result.standardError.contains("tok-2"))
    }
}

/// A page without a feed, read with the owner's selectors by the daemon and by `feedctl add`.
@Suite(.serialized) struct PageFeedTests {
    static let page = """
        <!DOCTYPE html><html><head><title>River News</title></head><body>
        <nav><a href="/">Home</a></nav>
        <ul class="posts">
        <li><h2><a href="/news/1">Flood warning lifted</a></h2><time datetime="2026-12-01T10:00:00Z">1 Dec</time>
        <p>The river fell overnight.</p></li>
        <li><h2><a href="/news/2">New bridge opens</a></h2><time datetime="2026-12-02T09:30:00Z">2 Dec</time>
        <p>Traffic flows again.</p></li>
        </ul></body></html>
        """

    @Test func theDaemonAndAddReadThePagesItems() throws {
        let server = try LoopbackHTTPServer(routes: ["/news/": .ok(Self.page, contentType: "text/html")])
        defer { server.stop() }
        let sandbox = try FeedctlSandbox(
            extraTOML: """
                [[feed]]
                url = \(FeedctlSandbox.tomlString(server.url("/news/")))
                kind = "html"
                item = "css:ul.posts > li"
                title = ".//h2"
                link = ".//a/@href"
                date = "css:time::attr(datetime)"
                summary = ".//p"
                """)

        let result = try FeedctlBinary.run(
            ["--config", sandbox.configPath, "--once"], executable: FeedctlBinary.feedd)

        #expect(result.status == 0, "\(result.standardError)")
        let articles = try sandbox.articles([])
        #expect(articles.map { $0["title"] as? String } == ["New bridge opens", "Flood warning lifted"])
        #expect(articles.first?["link"] as? String == server.url("/news/2"))
        #expect((articles.first?["published"] as? String)?.hasPrefix("2026-12-02T09:30:00") == true, "\(articles)")
        #expect((articles.last?["content_html"] as? String)?.contains("The river fell overnight.") == true)

        let other = try FeedctlSandbox()
        let added = try other.succeed([
            "add", server.url("/news/"), "--kind", "html", "--item", "//li", "--title", ".//h2", "--link", ".//a/@href",
        ])
        #expect(added.contains("2 articles"), "\(added)")
        let shown = try #require(try other.json(["show", "1", "--json"]) as? [String: Any])
        #expect(shown["kind"] as? String == "html")
    }
}
