import Foundation
import TestSupport
import Testing

/// End-to-end: `feedctl parse --kind html`, a page without a feed read with selectors given on the command line.
@Suite struct ParsePageCommandTests {
    var page: String { FeedctlBinary.fixtures.appendingPathComponent("news-page.html").path }

    var selectors: [String] {
        [
            "--kind", "html", "--item", "css:article.story", "--title", ".//h2", "--link", "css:h2 a::attr(href)",
            "--date", ".//time", "--summary", "css:p.dek",
        ]
    }

    @Test func jsonListsThePagesItems() throws {
        let result = try FeedctlBinary.run(["parse", "--json"] + selectors + ["file://" + page])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "html")
        #expect(object["title"] as? String == "Valley Post: front page")
        #expect(object["link"] as? String == "file://" + page)
        #expect(object["bozo"] as? Bool == true)
        #expect(
            object["errors"] as? [String] == [
                "skipped 1 item without an http(s) link from css:h2 a::attr(href)",
                "skipped 1 item repeating an earlier item's link",
            ])
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(
            entries.map { $0["id"] as? String } == [
                "https://valley.example/news/bridge-reopens", "https://valley.example/news/school-choir",
            ])
        #expect(
            entries.map { $0["title"] as? String } == [
                "Bridge reopens after repairs", "School choir wins regional prize",
            ])
        #expect(entries[0]["published"] as? String == "2026-12-04T09:00:00Z")
        #expect(entries[1]["published"] is NSNull || entries[1]["published"] == nil)
        #expect(entries[0]["summary"] as? String == "<p>Traffic returns to the <em>old bridge</em>.</p>")
    }

    @Test func summaryNamesTheFormatAndTheItems() throws {
        let result = try FeedctlBinary.run(["parse"] + selectors + [page])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(page): HTML feed: Valley Post: front page")
        #expect(lines.contains("  entries: 2"))
        #expect(lines.contains("    2026-12-04  Bridge reopens after repairs"))
        #expect(lines.contains("  problems: 2"))
    }

    @Test(
        arguments: [
            (["--kind", "html", "--item", "//article", "--title", ".//h2"], "--kind html needs --link"),
            (["--item", "//article"], "--item applies only with --kind html"),
            (
                ["--kind", "html", "--item", "css:div >", "--title", ".//h2", "--link", ".//a"],
                "--item: invalid CSS selector \"div >\": nothing after \">\""
            ),
        ])
    func badSelectorsAreRefusedBeforeReading(arguments: [String], message: String) throws {
        let result = try FeedctlBinary.run(["parse"] + arguments + [page])
        #expect(result.status != 0)
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
    }

    @Test func aFeedIsNotAPage() throws {
        let feed = FeedctlBinary.fixtures.appendingPathComponent("example.rss").path
        let result = try FeedctlBinary.run(["parse"] + selectors + [feed])
        #expect(result.status == 1)
        #expect(
            result.standardError.contains("a feed (<rss>), not a web page: read it as a feed"),
            "\(result.standardError)")
    }
}
