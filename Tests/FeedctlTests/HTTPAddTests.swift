import Foundation
import TestSupport
import Testing

/// End-to-end: `feedctl add` over HTTP, against a loopback server the test starts.
@Suite struct HTTPAddTests {
    static let feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Loopback Feed</title><link>http://site.example/</link>
        <item><title>First</title><guid>loop-1</guid><link>/posts/1?utm_source=x</link>
        <pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate><description>One.</description></item>
        <item><title>Second</title><guid>loop-2</guid><link>/posts/2</link>
        <pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate><description>Two.</description></item>
        </channel></rss>
        """

    static func page(advertising links: [(type: String, href: String, title: String)]) -> String {
        let heads = links.map { #"<link rel="alternate" type="\#($0.type)" title="\#($0.title)" href="\#($0.href)">"# }
        return """
            <!DOCTYPE html>
            <html><head><title>A blog</title>
            \(heads.joined(separator: "\n"))
            </head><body><p>Hello</p></body></html>
            """
    }

    static func server() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer(
            routes: [
                "/feed.xml": .ok(feed),
                "/other.xml": .ok(feed.replacingOccurrences(of: "Loopback Feed", with: "Other Feed")),
                "/one.html": .ok(
                    page(advertising: [("application/rss+xml", "/feed.xml", "RSS")]),
                    contentType: "text/html; charset=utf-8"),
                "/two.html": .ok(
                    page(advertising: [
                        ("application/rss+xml", "/feed.xml", "Posts"),
                        ("application/atom+xml", "/other.xml", "Comments"),
                    ]), contentType: "text/html; charset=utf-8"),
            ], concurrent: true)
    }

    @Test func addsAnHTTPFeed() throws {
        let server = try Self.server()
        defer { server.stop() }
        let sandbox = try FeedctlSandbox()
        let url = server.url("/feed.xml")
        let output = try sandbox.succeed(["add", url, "--interval", "30m"])
        #expect(output.hasPrefix("Added #1 Loopback Feed (\(url)): 2 articles"), "\(output)")
        let feeds = try sandbox.feeds()
        #expect(feeds.count == 1)
        #expect(feeds.first?["url"] as? String == url)
        #expect(feeds.first?["last_status"] as? Int == 200)
        #expect(feeds.first?["interval"] as? Int == 1800)
        let articles = try sandbox.articles()
        #expect(articles.map { $0["title"] as? String } == ["Second", "First"])
        // Relative links resolve against the feed's URL; the canonical URL drops the tracking parameter.
        #expect(articles.last?["link"] as? String == server.url("/posts/1?utm_source=x"))
        #expect(articles.last?["url"] as? String == server.url("/posts/1"))
        #expect(server.receivedRequests.count == 1)
    }

    @Test func aPermanentRedirectSubscribesToWhereItLeads() throws {
        let server = try Self.server()
        server.setRoute("/old.xml", .redirect(301, to: "/feed.xml"))
        defer { server.stop() }
        let sandbox = try FeedctlSandbox()
        let output = try sandbox.succeed(["add", server.url("/old.xml")])
        #expect(output.hasPrefix("Added #1 Loopback Feed (\(server.url("/feed.xml"))): 2 articles"), "\(output)")
        #expect(try sandbox.feeds().map { $0["url"] as? String } == [server.url("/feed.xml")])
    }

    @Test func aPageAdvertisingOneFeedAddsThatFeed() throws {
        let server = try Self.server()
        defer { server.stop() }
        let sandbox = try FeedctlSandbox()
        let output = try sandbox.succeed(["add", server.url("/one.html"), "--tag", "Blogs"])
        #expect(output.contains(server.url("/feed.xml")))
        #expect(output.contains("Added #1 Loopback Feed (\(server.url("/feed.xml"))): 2 articles"), "\(output)")
        let feeds = try sandbox.feeds()
        #expect(feeds.map { $0["url"] as? String } == [server.url("/feed.xml")])
        #expect(feeds.first?["tags"] as? [String] == ["Blogs"])
        // The page is not subscribed, and adding it again finds the feed it leads to.
        let again = try sandbox.succeed(["add", server.url("/one.html")])
        #expect(again.contains("Already subscribed: #1"), "\(again)")
        #expect(try sandbox.feeds().count == 1)
    }

    @Test func aPageAdvertisingTwoFeedsListsThemAndAddsNothing() throws {
        let server = try Self.server()
        defer { server.stop() }
        let sandbox = try FeedctlSandbox()
        let result = try sandbox.run(["add", server.url("/two.html")])
        #expect(result.status == 2, "\(result.standardError)")
        #expect(result.standardOutput.contains("feedctl add \(server.url("/feed.xml"))"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("feedctl add \(server.url("/other.xml"))"))
        #expect(result.standardOutput.contains("2 feeds"))
        #expect(try sandbox.feeds().isEmpty)
        #expect(try sandbox.articles().isEmpty)
    }

    @Test(arguments: [404, 503]) func anHTTPErrorIsOneLineAndAddsNothing(_ status: Int) throws {
        let server = try Self.server()
        server.setRoute("/broken.xml", LoopbackHTTPServer.Response(status: status, body: Array("no".utf8)))
        defer { server.stop() }
        let sandbox = try FeedctlSandbox()
        let url = server.url("/broken.xml")
        let result = try sandbox.run(["add", url])
        #expect(result.status != 0)
        #expect(result.standardOutput.isEmpty)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(result.standardError)")
        #expect(result.standardError.contains(url))
        #expect(result.standardError.contains("\(status)"))
        #expect(try sandbox.feeds().isEmpty)
    }

    @Test func aMissingPathIsA404() throws {
        let server = try Self.server()
        defer { server.stop() }
        let sandbox = try FeedctlSandbox()
        let url = server.url("/missing.xml")
        let result = try sandbox.run(["add", url])
        #expect(result.status != 0)
        #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        #expect(result.standardError.contains(url) && result.standardError.contains("404"))
        #expect(try sandbox.feeds().isEmpty)
    }

    @Test func privateAddressesAreRefusedWithAHint() throws {
        let server = try Self.server()
        defer { server.stop() }
        let sandbox = try FeedctlSandbox(allowPrivateAddresses: false)
        let result = try sandbox.run(["add", server.url("/feed.xml")])
        #expect(result.status != 0)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        #expect(result.standardError.contains("allow_private_addresses"), "\(result.standardError)")
        #expect(result.standardError.contains("127.0.0.1"))
        #expect(try sandbox.feeds().isEmpty)
        // Refused before any byte was sent.
        #expect(server.receivedRequests.isEmpty)
    }
}
