import Foundation
import TestSupport
import Testing

/// End-to-end: the built `feedctl parse`, its output and its exit status.
@Suite struct ParseCommandTests {
    static let contractFeedKeys: Set = [
        "format", "version", "bozo", "errors", "title", "subtitle", "link", "self", "language", "updated", "generator",
        "image", "icon", "rights", "ttl", "authors", "categories", "entries",
    ]
    static let contractEntryKeys: Set = [
        "id", "title", "link", "published", "updated", "authors", "summary", "content", "categories", "enclosures",
        "comments",
    ]

    var example: String { FeedctlBinary.fixtures.appendingPathComponent("example.rss").path }

    @Test func jsonFollowsTheContract() throws {
        let result = try FeedctlBinary.run(["parse", "--json", example])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(Self.contractFeedKeys.isSubset(of: Set(object.keys)))
        #expect(object["format"] as? String == "rss")
        #expect(object["version"] as? String == "2.0")
        #expect(object["bozo"] as? Bool == false)
        #expect(object["title"] as? String == "feedd example & demo")
        #expect(object["ttl"] as? Int == 60)
        #expect(object["updated"] as? String == "2026-11-28T06:30:00Z")
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.count == 2)
        for entry in entries {
            #expect(Self.contractEntryKeys.isSubset(of: Set(entry.keys)))
        }
        let first = entries[0]
        // The channel's xml:base comes before the file's own URL.
        #expect(first["link"] as? String == "https://feedd.example/posts/relative-links")
        #expect((first["summary"] as? String)?.contains("href=\"https://feedd.example/about\"") == true)
        let content = try #require(first["content"] as? String)
        #expect(!content.contains("script") && !content.contains("javascript:") && !content.contains("onerror"))
        #expect(entries[1]["published"] as? String == "2026-11-26T14:15:00Z")
        let enclosure = try #require((entries[1]["enclosures"] as? [[String: Any]])?.first)
        #expect(enclosure["length"] as? Int == 12_345_678)
    }

    @Test func severalSourcesGiveOneLineEach() throws {
        let result = try FeedctlBinary.run(["parse", "--json", example, "file://" + example])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0] == lines[1])
    }

    @Test func readsStandardInput() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: example))
        let result = try FeedctlBinary.run(["parse", "--json", "-"], standardInput: bytes)
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries[0]["link"] as? String == "https://feedd.example/posts/relative-links")
        #expect(object["self"] as? String == "https://feedd.example/feed.xml")
    }

    @Test func fetchesHTTPWithTheFinalURLAsBaseAndTheHTTPCharset() throws {
        var latin1 = Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Caf".utf8)
        latin1.append(0xE9)
        latin1 += Array("</title><item><title>x</title><link>relative/1</link></item></channel></rss>".utf8)
        let server = try LoopbackHTTPServer(routes: [
            "/old": .redirect(301, to: "/feeds/new.xml"),
            "/feeds/new.xml": LoopbackHTTPServer.Response(
                status: 200, headers: [(name: "Content-Type", value: "application/rss+xml; charset=ISO-8859-1")],
                body: latin1),
            "/missing": LoopbackHTTPServer.Response(status: 404, headers: [], body: Array("nope".utf8)),
        ])
        defer { server.stop() }
        let result = try FeedctlBinary.run(["parse", "--json", server.url("/old")])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "Café")
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.first?["link"] as? String == server.url("/feeds/relative/1"))

        let missing = try FeedctlBinary.run(["parse", server.url("/missing")])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("404"))
        #expect(missing.standardError.contains(server.url("/missing")))
    }

    @Test func contentLocationIsTheBaseOfAFetchedFeed() throws {
        let feed = "<rss version=\"2.0\"><channel><item><title>x</title><link>posts/1</link></item></channel></rss>"
        let server = try LoopbackHTTPServer(routes: [
            "/feed": LoopbackHTTPServer.Response(
                status: 200,
                headers: [(name: "Content-Type", value: "application/rss+xml"), ("Content-Location", "/blog/rss")],
                body: Array(feed.utf8))
        ])
        defer { server.stop() }
        let result = try FeedctlBinary.run(["parse", "--json", server.url("/feed")])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.first?["link"] as? String == server.url("/blog/posts/1"))
    }

    @Test func humanSummary() throws {
        let result = try FeedctlBinary.run(["parse", example])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("RSS 2.0 feed: feedd example & demo"))
        #expect(result.standardOutput.contains("entries: 2"))
        #expect(result.standardOutput.contains("2026-11-27  Relative links, resolved"))
    }

    @Test func anHTMLPageListsItsFeeds() throws {
        let page = FeedctlBinary.fixtures.appendingPathComponent("page.html").path
        let result = try FeedctlBinary.run(["parse", "--json", page])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1)
        let base = URL(fileURLWithPath: page).deletingLastPathComponent().absoluteString
        #expect(result.standardError.contains("HTML page"))
        #expect(result.standardError.contains("file:///feed.rss"))
        #expect(result.standardError.contains(base + "feed.json"))
    }

    @Test func errorsAreOneLineAndTheOtherSourcesStillParse() throws {
        let missing = "/nonexistent/feed.xml"
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedd-empty-\(UUID().uuidString).xml")
        try Data().write(to: empty)
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try FeedctlBinary.run(["parse", "--json", missing, empty.path, example])
        #expect(result.status == 1)
        let errors = result.standardError.split(separator: "\n")
        #expect(errors.count == 2)
        #expect(errors[0].hasPrefix("feedctl: \(missing): cannot open"))
        #expect(errors[1] == "feedctl: \(empty.path): not a feed: the document is empty")
        #expect(result.standardOutput.split(separator: "\n").count == 1)
    }

    /// A JSON Feed of a million tiny items once took feedctl past 3 GB and a SIGABRT under a 1 GiB limit.
    @Test func aMillionItemJSONFeedParsesUnderAnAddressSpaceLimit() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedd-million-\(UUID().uuidString).json")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: file) }
        let handle = try FileHandle(forWritingTo: file)
        try handle.write(
            contentsOf: Data(
                "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Big\",\"home_page_url\":\"https://big.example/\",\"items\":["
                    .utf8))
        let total = 1_000_000
        var chunk = ""
        for index in 0..<total {
            chunk += (index == 0 ? "" : ",") + "{\"id\":\"\(index)\",\"url\":\"/p/\(index)\",\"content_text\":\"x\"}"
            if chunk.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        try handle.write(contentsOf: Data((chunk + "]}").utf8))
        try handle.close()

        let result = try FeedctlBinary.run(
            ["--as=\(1 << 30)", FeedctlBinary.path, "parse", "--json", file.path], executable: "/usr/bin/prlimit")
        #expect(result.status == 0, "\(result.standardError.prefix(500))")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.count == 10_000)
        #expect(entries.last?["link"] as? String == "https://big.example/p/9999")
        #expect(object["errors"] as? [String] == ["990000 items past the cap of 10000 were skipped"])
    }

    /// A feed read from disk: its file URL is no base and no URL field may point at the disk.
    @Test func aLocalFileGivesOnlyWebLinks() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("feedd-local-\(UUID().uuidString).xml")
        try Data(
            """
            <rss version="2.0"><channel><title>t</title><link>https://site.example/</link>
            <item><guid>1</guid><link>/p/1</link><enclosure url="file:///etc/passwd" type="text/plain"/>
            <comments>../../etc/passwd</comments></item>
            <item xml:base="file:///etc/"><guid>2</guid><link>passwd</link></item></channel></rss>
            """.utf8
        ).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try FeedctlBinary.run(["parse", "--json", file.path])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.map { $0["link"] as? String } == ["https://site.example/p/1", nil])
        #expect(entries[0]["comments"] as? String == "https://site.example/etc/passwd")
        #expect((entries[0]["enclosures"] as? [Any])?.isEmpty == true)
        let errors = try #require(object["errors"] as? [String])
        #expect(errors.contains("enclosure \"file:///etc/passwd\" of entry \"1\" dropped: a file: URL"))
        #expect(errors.contains("link \"passwd\" of entry \"2\" dropped: a relative URL with no http or https base"))
    }
}
