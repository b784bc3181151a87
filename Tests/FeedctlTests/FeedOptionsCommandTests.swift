import Foundation
import TestSupport
import Testing

/// End-to-end: `feedctl add` with a feed's HTTP options, what `show` and `export` say of them, and secrets that
/// stay on disk.
@Suite struct FeedOptionsCommandTests {
    @Test func addSendsTheOptionsAndStoresOnlyWhereSecretsLive() throws {
        let server = try LoopbackHTTPServer(routes: ["/private.xml": .ok(HTTPAddTests.feed)])
        defer { server.stop() }
        let sandbox = try FeedctlSandbox()
        let password = try sandbox.write("hunter2\n", to: "example.pass")
        let token = try sandbox.write("tok-777\n", to: "token")
        let url = server.url("/private.xml")

        let output = try sandbox.succeed([
            "add", url, "--username", "me", "--password-file", password, "--header", "X-Api-Key: file:\(token)",
            "--header", "Accept-Language: de", "--user-agent", "Reader/1", "--full-text", "auto",
        ])

        #expect(output.hasPrefix("Added #1 Loopback Feed"), "\(output)")
        let received = try #require(server.receivedRequests.first)
        #expect(received.header("Authorization") == "Basic " + Data("me:hunter2".utf8).base64EncodedString())
        #expect(received.header("X-Api-Key") == "tok-777")
        #expect(received.header("Accept-Language") == "de")
        #expect(received.header("User-Agent") == "Reader/1")

        let show = try sandbox.succeed(["show", "1"])
        #expect(
            show.contains(
                "Options       username, password_file, headers (Accept-Language, X-Api-Key), user_agent, "
                    + "full_text = auto"), "\(show)")
        let json = try #require(try sandbox.json(["show", "1", "--json"]) as? [String: Any])
        #expect(json["full_text"] as? String == "auto")
        #expect(json["kind"] as? String == "feed")
        let exported = try sandbox.succeed(["export"])
        for output in [show, exported, String(describing: json)] {
            #expect(!output.contains("hunter2") && !output.contains("tok-777") && !output.contains(password))
        }
        #expect(exported.contains(url))
    }

    @Test(arguments: [
        (["--password-file", "p"], "--password-file: a password needs a username (--username)"),
        (["--header", "X-Key"], "--header expects 'Name: value'; got 'X-Key'"),
        (["--header", "Host: evil.example"], "--header Host: feedd sets this header itself"),
        (["--proxy", "ftp://p:21"], "--proxy expected http://, https://, socks5:// or socks5h:// and a host"),
        (["--full-text", "magic"], "--full-text expected \"off\", \"auto\""),
        (["--item", "//li"], "--item is for --kind html"),
        (["--kind", "html", "--item", "//li"], "--kind html needs --item, --title and --link"),
    ])
    func badOptionsAreRefusedBeforeAnyFetch(arguments: [String], message: String) throws {
        let sandbox = try FeedctlSandbox()
        let result = try sandbox.run(["add", "http://127.0.0.1:9/feed.xml"] + arguments)
        #expect(result.status == 64)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }
}

/// `feedctl add --full-text`: the first articles already carry their pages' content.
@Suite struct FullTextAddTests {
    @Test func addFetchesThePagesOfTheFirstArticles() throws {
        let server = try LoopbackHTTPServer(concurrent: true)
        defer { server.stop() }
        for number in 1...2 {
            server.setRoute("/story-\(number)", .ok(ArticlePage.html(number), contentType: "text/html"))
        }
        server.setRoute("/feed.xml", .ok(ArticlePage.teaserFeed(server, items: [1, 2]) { "/story-\($0)" }))
        let sandbox = try FeedctlSandbox()

        let output = try sandbox.succeed(["add", server.url("/feed.xml"), "--full-text", "css:article"])

        #expect(output.contains("2 articles; full text from 2 pages"), "\(output)")
        let articles = try sandbox.articles([])
        #expect(articles.count == 2)
        for article in articles {
            let html = article["content_html"] as? String ?? ""
            #expect(html.contains("Sentence 12 of the body"), "\(html)")
            #expect(!html.contains("cookies"))
        }
    }
}

/// A page's credentials are for its own origin: `add` does not carry them to a feed the page advertises elsewhere.
@Suite struct DiscoveryWithCredentialsTests {
    @Test func anAdvertisedFeedOnAnotherOriginIsNotAddedWithThem() throws {
        let feeds = try LoopbackHTTPServer(routes: ["/feed.xml": .ok(HTTPAddTests.feed)])
        defer { feeds.stop() }
        let page = try LoopbackHTTPServer(routes: [
            "/": .ok(
                HTTPAddTests.page(advertising: [("application/rss+xml", feeds.url("/feed.xml"), "RSS")]),
                contentType: "text/html")
        ])
        defer { page.stop() }
        let sandbox = try FeedctlSandbox()
        let key = try sandbox.write("k-1\n", to: "key")

        let result = try sandbox.run(["add", page.url("/"), "--header", "X-Api-Key: file:\(key)"])

        #expect(result.status != 0)
        #expect(result.standardError.contains("advertises \(feeds.url("/feed.xml")), on another origin"))
        #expect(feeds.receivedRequests.isEmpty)
    }
}
