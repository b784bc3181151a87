import Foundation
import TestSupport
import Testing

/// End-to-end: `feedctl status` and `feedctl refresh` without a running feedd.
@Suite struct StatusCommandTests {
    static let session = FeedctlSandbox.fixtureURL("session.atom")

    @Test func statusJSONCountsFeedsAndArticles() throws {
        let sandbox = try FeedctlSandbox()
        _ = try sandbox.succeed(["add", Self.session])
        _ = try sandbox.succeed(["read", "--quiet", "1"])
        for check in [false, true] {
            let status = try sandbox.status(check: check)
            #expect(status["running"] as? Bool == false)
            #expect(status["pid"] is NSNull)
            #expect(status["last_cycle"] is NSNull)
            #expect(status["config"] as? String == sandbox.configPath)
            #expect(status["store"] as? String == sandbox.storePath)
            #expect((status["store_bytes"] as? Int ?? 0) > 0)
            #expect(status["feeds"] as? Int == 1)
            #expect(status["ok"] as? Int == 1)
            #expect(status["failing"] as? Int == 0)
            #expect(status["gone"] as? Int == 0)
            #expect(status["articles"] as? Int == 3)
            #expect(status["unread"] as? Int == 2)
            #expect(status["integrity"] as? [String] == (check ? ["ok"] : nil))
        }
    }

    @Test func statusText() throws {
        let sandbox = try FeedctlSandbox()
        _ = try sandbox.succeed(["add", Self.session])
        let text = try sandbox.succeed(["status", "--check"])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("feedd       not running"), "\(text)")
        #expect(lines.contains("Last cycle  never"))
        #expect(lines.contains("Feeds       1 (1 ok)"))
        #expect(lines.contains("Articles    3 (3 unread)"))
        #expect(lines.contains { $0.hasPrefix("Store       \(sandbox.storePath) (") })
        #expect(lines.contains("Config      \(sandbox.configPath)"))
        #expect(lines.contains("Integrity   ok"))
        #expect(!text.contains("\u{1B}["))
    }

    @Test func aStoreThatIsNotADatabaseFailsInOneLine() throws {
        let sandbox = try FeedctlSandbox()
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: sandbox.storePath))
        let result = try sandbox.run(["status", "--check"])
        #expect(result.status != 0)
        #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        #expect(result.standardError.contains(sandbox.storePath), "\(result.standardError)")
    }

    @Test(arguments: [[], ["1"], [session]])
    func refreshWithoutTheDaemonSaysSo(_ arguments: [String]) throws {
        let sandbox = try FeedctlSandbox()
        _ = try sandbox.succeed(["add", Self.session])
        let before = try #require(try sandbox.feeds().first?["next_due"] as? String)
        let output = try sandbox.succeed(["refresh"] + arguments)
        #expect(
            output == "Marked 1 feed due.\nfeedd is not running; the feeds will be fetched when it starts.\n",
            "\(output)")
        let after = try #require(try sandbox.feeds().first?["next_due"] as? String)
        // RFC 3339 in UTC sorts as text; the feed was due in the future and now is not.
        #expect(after < before)
    }
}
