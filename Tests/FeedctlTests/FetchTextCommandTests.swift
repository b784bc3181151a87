import Foundation
import TestSupport
import Testing

/// End-to-end: the built `feedctl fetch-text` over a page of the extraction corpus, from a file and from HTTP.
@Suite struct FetchTextCommandTests {
    /// The corpus's news page: an article among a cookie banner, navigation, related stories and comments.
    static let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Benchmarks/ExtractCorpus/news-harbour.html")

    @Test func aFileURLPrintsTheArticle() throws {
        let result = try FeedctlBinary.run(["fetch-text", "file://" + Self.page.path])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "title: Storm surge closes Port Ellery harbour for third day")
        // Its relative canonical link would be a file: og:url, which is absolute, names the story.
        #expect(
            lines.dropFirst().first
                == "canonical: https://www.coastalledger.example/news/2026/11/storm-surge-port-ellery")
        #expect(lines.contains("paywall: no"))
        #expect(lines.contains { $0.hasPrefix("Port Ellery's harbour stayed closed") })
        #expect(lines.contains("Sea wall damage"))
        #expect(!result.standardOutput.contains("We use cookies"))
        #expect(!result.standardOutput.contains("harbourwatcher"))
    }

    @Test func aLoopbackPageGivesJSON() throws {
        let html = try String(contentsOf: Self.page, encoding: .utf8)
        let server = try LoopbackHTTPServer(routes: ["/story": .ok(html, contentType: "text/html; charset=utf-8")])
        defer { server.stop() }
        let result = try FeedctlBinary.run(["fetch-text", "--json", server.url("/story")])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["url"] as? String == server.url("/story"))
        #expect(object["title"] as? String == "Storm surge closes Port Ellery harbour for third day")
        // The page's canonical link is relative: it names the story on the server that served it.
        #expect(object["canonical_url"] as? String == server.url("/news/2026/11/storm-surge-port-ellery"))
        #expect((object["words"] as? Int ?? 0) > 300)
        #expect(object["paywall"] as? Bool == false)
        #expect((object["html"] as? String)?.contains("<h2>Sea wall damage</h2>") == true)
        #expect((object["text"] as? String)?.hasPrefix("Port Ellery's harbour stayed closed") == true)
    }

    @Test func aPageWithoutAnArticleIsAOneLineError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fetch-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("links.html")
        try Data("<html><body><nav><a href=/a>One</a> <a href=/b>Two</a></nav></body></html>".utf8).write(to: empty)
        let result = try FeedctlBinary.run(["fetch-text", empty.path])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == "feedctl: \(empty.path): no article text found with rule auto\n")
    }

    @Test func aCSSRulePrintsWhatItSelects() throws {
        let result = try FeedctlBinary.run(["fetch-text", "--rule", "css:.story-body h2", Self.page.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasSuffix("words: 4\npaywall: no\n\nSea wall damage\n\nForecast\n"))
    }

    @Test(
        arguments: [
            ("magic", "feedctl: --rule 'magic' is not auto, css:SELECTOR or xpath:EXPRESSION\n"),
            ("off", "feedctl: --rule 'off' extracts nothing: use auto, css:SELECTOR or xpath:EXPRESSION\n"),
            ("css:div[", "feedctl: --rule 'css:div[': invalid CSS selector"),
        ])
    func anInvalidRuleIsAOneLineError(rule: String, message: String) throws {
        let result = try FeedctlBinary.run(["fetch-text", "--rule", rule, Self.page.path])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix(message))
        #expect(result.standardError.split(separator: "\n").count == 1)
    }
}
