import Foundation
import TestSupport
import Testing

/// `[[notify]]` sinks end to end: the built feedd delivers what its rules and feeds raise to a loopback webhook
/// (signed), to an exec sink, once per sink per cycle, and again after a restart when a delivery failed.
@Suite(.serialized) struct NotifyTests {
    static let secret = "correct horse battery staple"

    func runFeedd(_ sandbox: FeedctlSandbox) throws -> FeedctlBinary.Result {
        try FeedctlBinary.run(["--config", sandbox.configPath, "--once"], executable: FeedctlBinary.feedd)
    }

    /// A loopback server with a feed of five items and a webhook answering `hookStatus`.
    static func server(hookStatus: Int = 204) throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer(
            routes: [
                "/feed.xml": .ok(NumberedFeed.rss("alpha", items: 1...5)),
                "/hook": LoopbackHTTPServer.Response(status: hookStatus, headers: [], body: []),
            ], lifetime: .seconds(120), concurrent: true)
    }

    static func sandbox(server: LoopbackHTTPServer, extra: String = "") throws -> FeedctlSandbox {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let secretFile = directory.appendingPathComponent("hook.secret").path
        try Data((secret + "\n").utf8).write(to: URL(fileURLWithPath: secretFile))
        return try FeedctlSandbox(
            extraTOML: """
                [[notify]]
                name = "hook"
                kind = "webhook"
                url = \(FeedctlSandbox.tomlString(server.url("/hook")))
                secret_file = \(FeedctlSandbox.tomlString(secretFile))

                \(extra)

                [[rule]]
                name = "stories"
                title = 'alpha story [1-4]'
                action = ["notify:hook", "tag:alerted"]

                [[feed]]
                url = \(FeedctlSandbox.tomlString(server.url("/feed.xml")))
                """)
    }

    static func hooks(_ server: LoopbackHTTPServer) -> [LoopbackHTTPServer.ReceivedRequest] {
        server.receivedRequests.filter { $0.target == "/hook" }
    }

    @Test func oneSignedBatchPerSinkPerCycleAndTheSameJSONForAnExecSink() throws {
        let server = try Self.server()
        defer { server.stop() }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("exec-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: output) }
        let script = "import sys; open(sys.argv[1], 'wb').write(sys.stdin.buffer.read())"
        let sandbox = try Self.sandbox(
            server: server,
            extra: """
                [[notify]]
                name = "script"
                kind = "exec"
                command = ["/usr/bin/python3", "-c", \(FeedctlSandbox.tomlString(script)), \(FeedctlSandbox.tomlString(output.path))]
                events = ["rule"]

                [[rule]]
                name = "to-script"
                title = 'alpha story'
                action = "notify:script"
                """)
        let run = try runFeedd(sandbox)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.contains("notification delivered alerts=4 sink=hook"), "\(run.standardError)")
        // The log names the rules and what they touched.
        #expect(
            run.standardError.contains("rules touched new articles dropped=0 feed=1 rules=\"stories=4 to-script=5\""))
        // Four matching articles, one request.
        let hooks = Self.hooks(server)
        #expect(hooks.count == 1)
        let hook = try #require(hooks.first)
        #expect(hook.method == "POST")
        #expect(hook.header("Content-Type") == "application/json")
        #expect(
            hook.header("X-Feedd-Signature")
                == "sha256=" + ReferenceHMAC.hex(key: Array(Self.secret.utf8), message: hook.body))
        let body = try #require(try JSONSerialization.jsonObject(with: Data(hook.body)) as? [String: Any])
        #expect(body["event"] as? String == "rule")
        let articles = try #require(body["articles"] as? [[String: Any]])
        #expect(articles.compactMap { $0["title"] as? String }.sorted() == (1...4).map { "alpha story \($0)" })
        // The `articles --json` fields, rules and tags included.
        let first = try #require(articles.first)
        for field in ["id", "feed", "url", "title", "published", "content_text", "story", "read", "starred"] {
            #expect(first[field] != nil, "\(field)")
        }
        #expect(first["tags"] as? [String] == ["alerted"])
        #expect(first["rules"] as? [String] == ["to-script", "stories"], "file order")
        #expect(!String(decoding: hook.body, as: UTF8.self).contains(Self.secret))
        // The exec sink got the same shape on its standard input: all five.
        let received = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any])
        #expect((received["articles"] as? [[String: Any]])?.count == 5)
        #expect(received["sink"] as? String == "script")
        // A cycle with nothing new sends nothing.
        _ = try sandbox.succeed(["refresh"])
        #expect(try runFeedd(sandbox).status == 0)
        #expect(Self.hooks(server).count == 1)
        let status = try sandbox.status()
        let sinks = try #require(status["sinks"] as? [[String: Any]])
        #expect(sinks.map { $0["name"] as? String } == ["hook", "script"])
        #expect(sinks.allSatisfy { $0["last_delivery"] is String && $0["last_error"] is NSNull })
    }

    @Test func aSinkThatFailsIsServedOnceAfterARestart() throws {
        let server = try Self.server(hookStatus: 500)
        defer { server.stop() }
        let sandbox = try Self.sandbox(server: server)
        let failed = try runFeedd(sandbox)
        #expect(failed.status == 0, "a failing sink does not fail the cycle: \(failed.standardError)")
        #expect(failed.standardError.contains("notification not delivered"), "\(failed.standardError)")
        #expect(failed.standardError.contains("HTTP 500"))
        #expect(!failed.standardError.contains(Self.secret))
        let status = try sandbox.status()
        let sink = try #require((status["sinks"] as? [[String: Any]])?.first)
        #expect((sink["last_error"] as? String)?.contains("HTTP 500") == true, "\(sink)")
        #expect(sink["failed_attempts"] as? Int == 1)
        #expect(sink["last_delivery"] is NSNull)
        // The sink recovers; the next feedd (a restart) delivers what waited, once.
        server.setRoute("/hook", LoopbackHTTPServer.Response(status: 200, headers: [], body: []))
        let recovered = try runFeedd(sandbox)
        #expect(
            recovered.standardError.contains("notification delivered alerts=4 sink=hook"), "\(recovered.standardError)")
        let again = try runFeedd(sandbox)
        #expect(!again.standardError.contains("notification"), "\(again.standardError)")
        let hooks = Self.hooks(server)
        #expect(hooks.count == 2)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(hooks[1].body)) as? [String: Any])
        #expect((body["articles"] as? [[String: Any]])?.count == 4)
        let after = try #require((try sandbox.status()["sinks"] as? [[String: Any]])?.first)
        #expect(after["last_delivery"] is String && after["failed_attempts"] as? Int == 0)
    }

    @Test func aFeedThatBreaksAndRecoversIsReported() throws {
        let server = try Self.server()
        defer { server.stop() }
        server.setRoute("/feed.xml", LoopbackHTTPServer.Response(status: 503, headers: [], body: []))
        let sandbox = try Self.sandbox(server: server)
        for _ in 0..<3 {
            _ = try sandbox.succeed(["refresh"])
            #expect(try runFeedd(sandbox).status == 0)
        }
        server.setRoute("/feed.xml", .ok(NumberedFeed.rss("alpha", items: 5...5)))
        _ = try sandbox.succeed(["refresh"])
        #expect(try runFeedd(sandbox).status == 0)
        let bodies = try Self.hooks(server).map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any])
        }
        #expect(bodies.map { $0["event"] as? String } == ["feed_broken", "feed_recovered"])
        let broken = try #require((bodies.first?["feeds"] as? [[String: Any]])?.first)
        #expect((broken["error"] as? String)?.contains("503") == true)
        #expect(broken["url"] as? String == server.url("/feed.xml"))
    }
}
