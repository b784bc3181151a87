import Foundation
import TestSupport
import Testing

/// `feedd --once` end to end: the built daemon fetches from a loopback server into a real store, and feedctl reads
/// what it stored.
@Suite(.serialized) struct FeeddOnceTests {
    func runFeedd(_ sandbox: FeedctlSandbox, _ extra: [String] = []) throws -> FeedctlBinary.Result {
        try FeedctlBinary.run(["--config", sandbox.configPath, "--once"] + extra, executable: FeedctlBinary.feedd)
    }

    @Test func aCycleStoresEveryFeedAndTheNextOneIsConditional() throws {
        let etagged = LoopbackHTTPServer.Response(
            status: 200, headers: [("Content-Type", "application/rss+xml"), ("ETag", "\"one\"")],
            body: Array(NumberedFeed.rss("alpha", items: 1...5).utf8))
        let server = try LoopbackHTTPServer(
            routes: [
                "/alpha.xml": etagged,
                "/beta.xml": .ok(NumberedFeed.rss("beta", items: 1...3)),
                "/missing.xml": LoopbackHTTPServer.Response(status: 404, headers: [], body: []),
                "/gone.xml": LoopbackHTTPServer.Response(status: 410, headers: [], body: []),
            ], concurrent: true, keepAlive: true)
        defer { server.stop() }
        let feeds = ["alpha", "beta", "missing", "gone"].map { name in
            "[[feed]]\nurl = \(FeedctlSandbox.tomlString(server.url("/\(name).xml")))\ntags = [\"Test\"]\n"
        }
        let sandbox = try FeedctlSandbox(extraTOML: feeds.joined(separator: "\n"))

        let first = try runFeedd(sandbox)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardError.contains(" feeds=4 "), "\(first.standardError)")
        #expect(first.standardError.contains("HTTP 404"), "a failure is logged with its reason")
        // What the cycle wrote is in the store's file itself, not left in its log.
        let log = try? FileManager.default.attributesOfItem(atPath: sandbox.storePath + "-wal")[.size] as? Int
        #expect((log ?? 0) == 0, "the write-ahead log is emptied before --once exits")
        let articles = try sandbox.articles([])
        #expect(articles.count == 8)
        #expect(articles.allSatisfy { ($0["url"] as? String)?.contains("utm_source") == false })
        let listed = try sandbox.feeds()
        let states = Dictionary(
            uniqueKeysWithValues: listed.map { ($0["url"] as? String ?? "", $0["state"] as? String) })
        #expect(states[server.url("/alpha.xml")] == "ok")
        #expect(states[server.url("/missing.xml")] == "failing")
        #expect(states[server.url("/gone.xml")] == "gone")

        // Nothing is due right after a cycle; `refresh` makes everything due again, and alpha is asked
        // conditionally with the ETag it sent.
        let idle = try runFeedd(sandbox)
        #expect(idle.status == 0)
        let before = server.receivedRequests.count
        _ = try sandbox.succeed(["refresh"])
        let second = try runFeedd(sandbox)
        #expect(second.status == 0, "\(second.standardError)")
        let requests = server.receivedRequests.dropFirst(before)
        #expect(requests.count == 3, "the gone feed is not asked again")
        let alpha = requests.first { $0.target == "/alpha.xml" }
        #expect(alpha?.header("If-None-Match") == "\"one\"")
        #expect(try sandbox.articles([]).count == 8, "a re-fetch adds nothing")
        let status = try sandbox.status()
        #expect(status["failing"] as? Int == 1)
        #expect(status["gone"] as? Int == 1)
        #expect(status["last_cycle"] is String)
    }

    @Test func aBadConfigurationStopsStartUpWithOneLine() throws {
        let sandbox = try FeedctlSandbox(extraTOML: "[fetch.extra]\nconcurency = 4\n")
        let result = try runFeedd(sandbox)
        #expect(result.status != 0)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(result.standardError)")
        #expect(lines.first?.contains(sandbox.configPath) == true)
    }
}
