import Foundation
import TestSupport
import Testing

/// End-to-end: one subscription per feed, whichever spelling of its URL `add`, `import` or the configuration use.
@Suite struct OneSubscriptionTests {
    /// An Atom feed that gives `selfLink` as its own address.
    static func atom(selfLink: String) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Morning Brief</title><id>urn:brief</id><updated>2026-03-02T10:00:00Z</updated>
          <link rel="self" href="\(selfLink)"/>
          <entry><title>Rivers</title><id>urn:brief:1</id><updated>2026-03-02T10:00:00Z</updated>
            <link href="https://brief.example/1"/><summary>Rivers rise.</summary></entry>
        </feed>
        """
    }

    static func server() throws -> LoopbackHTTPServer {
        let server = try LoopbackHTTPServer(concurrent: true)
        let subscribed = server.url("/brief.xml")
        server.setRoute("/brief.xml", .ok(atom(selfLink: subscribed), contentType: "application/atom+xml"))
        // The same feed, served under another address that names the subscribed one as its own.
        server.setRoute("/mirror/brief", .ok(atom(selfLink: subscribed), contentType: "application/atom+xml"))
        server.setRoute("/latest", .redirect(302, to: "/brief.xml"))
        return server
    }

    @Test func anotherSpellingIsFoundWithoutFetching() throws {
        let server = try Self.server()
        defer { server.stop() }
        let sandbox = try FeedctlSandbox()
        let url = server.url("/brief.xml")
        let added = try sandbox.succeed(["add", url])
        #expect(added.hasPrefix("Added #1 Morning Brief (\(url)): 1 article"), "\(added)")
        let port = server.port
        for spelling in [
            "https://127.0.0.1:\(port)/brief.xml", "HTTP://127.0.0.1:\(port)/brief.xml/",
            "http://127.0.0.1:\(port)/brief.xml?utm_source=newsletter&utm_medium=email#top",
        ] {
            let output = try sandbox.succeed(["add", spelling])
            #expect(output == "Already subscribed: #1 Morning Brief (\(url))\n", "\(spelling): \(output)")
        }
        #expect(server.receivedRequests.count == 1)
        #expect(try sandbox.feeds().count == 1)
    }

    @Test func aFeedWhoseSelfLinkIsSubscribedIsNotAddedAgain() throws {
        let server = try Self.server()
        defer { server.stop() }
        let sandbox = try FeedctlSandbox()
        let url = server.url("/brief.xml")
        _ = try sandbox.succeed(["add", url])
        let mirror = server.url("/mirror/brief")
        let output = try sandbox.succeed(["add", mirror])
        #expect(
            output == """
                Already subscribed: #1 Morning Brief (\(url))
                  \(mirror) gives \(url) as its own address

                """, "\(output)")
        #expect(try sandbox.feeds().map { $0["url"] as? String } == [url])
        #expect(try sandbox.articles().count == 1)
    }

    /// A site's category feed copied from the main feed's template gives the main feed's address as its own; its
    /// entries are not the main feed's, so it is another feed and is added.
    @Test func aSelfLinkThatSharesNoEntryWithTheSubscribedFeedDoesNotBlockIt() throws {
        let server = try Self.server()
        defer { server.stop() }
        let url = server.url("/brief.xml")
        let category = Self.atom(selfLink: url).replacingOccurrences(of: "urn:brief:1", with: "urn:brief:tech:7")
            .replacingOccurrences(of: "https://brief.example/1", with: "https://brief.example/tech/7")
        server.setRoute("/category/tech", .ok(category, contentType: "application/atom+xml"))
        let sandbox = try FeedctlSandbox()
        _ = try sandbox.succeed(["add", url])
        let output = try sandbox.succeed(["add", server.url("/category/tech")])
        #expect(output.hasPrefix("Added #2 Morning Brief (\(server.url("/category/tech"))): 1 article"), "\(output)")
        #expect(try sandbox.feeds().count == 2)
    }

    @Test func aURLThatRedirectsToASubscribedFeedIsNotAddedAgain() throws {
        let server = try Self.server()
        defer { server.stop() }
        let sandbox = try FeedctlSandbox()
        let url = server.url("/brief.xml")
        _ = try sandbox.succeed(["add", url])
        let latest = server.url("/latest")
        let output = try sandbox.succeed(["add", latest, "--title", "Mine"])
        #expect(
            output == """
                Already subscribed: #1 Morning Brief (\(url))
                  \(latest) redirects to \(url)
                  Nothing changed: --title, --interval and --tag apply to a new subscription only.

                """, "\(output)")
        #expect(try sandbox.feeds().map { $0["title"] as? String } == ["Morning Brief"])
    }

    @Test func removedIdsAreNotGivenOutAgain() throws {
        let server = try Self.server()
        defer { server.stop() }
        let sandbox = try FeedctlSandbox()
        for path in ["/a.xml", "/b.xml", "/c.xml"] {
            server.setRoute(path, .ok(Self.atom(selfLink: server.url(path))))
            _ = try sandbox.succeed(["add", server.url(path)])
        }
        _ = try sandbox.succeed(["remove", "3"])
        _ = try sandbox.succeed(["remove", "#2"])
        let output = try sandbox.succeed(["add", server.url("/b.xml")])
        #expect(output.hasPrefix("Added #4 "), "\(output)")
    }

    static let duplicatesOPML = """
        <?xml version="1.0"?>
        <opml version="2.0"><head><title>Mine</title></head><body>
          <outline text="Old" xmlUrl="http://OLD.example/feed/"/>
          <outline text="News">
            <outline text="Brief" xmlUrl="https://brief.example/feed"/>
            <outline text="Brief again" xmlUrl="http://brief.example/feed?utm_source=opml"/>
          </outline>
          <outline text="Category 1" xmlUrl="https://cats.example/rss?cat=1"/>
          <outline text="Category 2" xmlUrl="https://cats.example/rss?cat=2"/>
          <outline text="Brief, third time" xmlUrl="https://brief.example/feed/#top"/>
        </body></opml>
        """

    @Test func importAddsAFeedListedTwiceOnceAndSaysSo() throws {
        let sandbox = try FeedctlSandbox()
        let first = try sandbox.write(
            """
            <?xml version="1.0"?>
            <opml version="2.0"><body><outline text="Old" xmlUrl="https://old.example/feed"/></body></opml>
            """, to: "first.opml")
        _ = try sandbox.succeed(["import", first])
        let file = try sandbox.write(Self.duplicatesOPML, to: "mine.opml")
        let output = try sandbox.succeed(["import", file])
        let lines = output.split(separator: "\n").map(String.init)
        #expect(
            Array(lines.prefix(4)) == [
                "Already subscribed: #1 Old (https://old.example/feed), listed as http://OLD.example/feed/",
                "Listed twice: #2 Brief (https://brief.example/feed), again as http://brief.example/feed?utm_source=opml",
                "Listed twice: #2 Brief (https://brief.example/feed), again as https://brief.example/feed/#top",
                "Imported 3 new feeds from \(file); 1 already subscribed; 2 repeated outlines skipped.",
            ], "\(output)")
        let feeds = try sandbox.feeds()
        #expect(
            Set(feeds.compactMap { $0["url"] as? String }) == [
                "https://old.example/feed", "https://brief.example/feed", "https://cats.example/rss?cat=1",
                "https://cats.example/rss?cat=2",
            ])
        #expect(feeds.first { $0["url"] as? String == "https://brief.example/feed" }?["tags"] as? [String] == ["News"])

        let json = try #require(try sandbox.json(["import", "--json", file]) as? [String: Any])
        #expect((json["added"] as? [String])?.isEmpty == true)
        #expect((json["existing"] as? [String])?.count == 6)
        #expect((json["repeated"] as? [String])?.isEmpty == true)
    }

    @Test func importJSONNamesTheRepeatedOutlines() throws {
        let sandbox = try FeedctlSandbox()
        let file = try sandbox.write(Self.duplicatesOPML, to: "mine.opml")
        let json = try #require(try sandbox.json(["import", "--json", file]) as? [String: Any])
        #expect(
            json["added"] as? [String] == [
                "http://OLD.example/feed/", "https://brief.example/feed", "https://cats.example/rss?cat=1",
                "https://cats.example/rss?cat=2",
            ])
        #expect(json["existing"] as? [String] == [])
        #expect(
            json["repeated"] as? [String] == [
                "http://brief.example/feed?utm_source=opml", "https://brief.example/feed/#top",
            ])
        #expect(try sandbox.feeds().count == 4)
    }

    @Test func aConfiguredFeedTakesOverTheSubscriptionFeedctlAdded() throws {
        let server = try Self.server()
        defer { server.stop() }
        let sandbox = try FeedctlSandbox()
        let url = server.url("/brief.xml")
        _ = try sandbox.succeed(["add", url])
        let entry = """

            [[feed]]
            url = "HTTPS://127.0.0.1:\(server.port)/brief.xml/"
            title = "Configured"
            """
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: sandbox.configPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(entry.utf8))
        try handle.close()
        let feeds = try sandbox.feeds()
        #expect(feeds.count == 1)
        let feed = try #require(feeds.first)
        #expect(feed["id"] as? Int == 1)
        #expect(feed["url"] as? String == url)
        #expect(feed["source"] as? String == "config")
        #expect(feed["title"] as? String == "Configured")
        #expect(feed["articles"] as? Int == 1)
    }
}
