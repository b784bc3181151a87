import Foundation
import Testing

@testable import FeedConfig

/// The shipped Config/feedd.toml documents every key with its default.
@Suite struct ExampleConfigTests {
    private static let examplePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Config/feedd.toml")
        .path

    private static func exampleText() throws -> String {
        try String(contentsOfFile: examplePath, encoding: .utf8)
    }

    @Test func parsesToTheDefaults() throws {
        let configuration = try FeedConfiguration.parse(
            text: Self.exampleText(),
            fileName: "feedd.toml",
            baseDirectory: "/etc/feedd",
            stateDirectory: "/var/lib/feedd"
        )
        var expected = FeedConfiguration.defaults(stateDirectory: "/var/lib/feedd")
        expected.sourcePath = "feedd.toml"
        #expect(configuration == expected)
    }

    @Test func loadsFromDiskToTheDefaults() throws {
        let configuration = try FeedConfiguration.load(
            explicitPath: Self.examplePath,
            environment: ["STATE_DIRECTORY": "/srv/feedd"],
            isRoot: false
        )
        var expected = FeedConfiguration.defaults(stateDirectory: "/srv/feedd")
        expected.sourcePath = Self.examplePath
        #expect(configuration == expected)
    }

    static let documentedKeys = [
        "store": ["path", "keep_days", "keep_per_feed"],
        "fetch": [
            "interval", "adaptive", "min_interval", "max_interval", "concurrency", "per_host", "timeout",
            "low_speed_limit", "low_speed_time", "connect_timeout", "max_body", "user_agent", "allow_private_addresses",
            "full_text_pages",
        ],
        "digest": ["dir", "time", "timezone", "formats", "per_feed", "images"],
        "digest.mail": ["url", "from", "to", "password_file", "enabled"],
        // `password_credential`, the selectors of kind = "html" and the command of kind = "exec" are commented
        // twice: one feed cannot have them all.
        "feed": [
            "url", "title", "interval", "tags", "username", "password_file", "headers", "cookie_file", "user_agent",
            "proxy", "full_text", "kind",
        ],
        // `command` (exec) and `secret_credential` are shown commented twice: one sink cannot have all its keys.
        "notify": ["name", "kind", "url", "secret_file", "events"],
        "rule": [
            "name", "title", "content", "author", "url", "category", "feeds", "tags", "older_than", "action",
        ],
        "log": ["level"],
        "api": ["listen", "base_url"],
    ]

    /// Each key appears (commented out where its default depends on the machine) under its table, after a comment.
    @Test(arguments: documentedKeys.keys.sorted())
    func documentsEveryKey(table: String) throws {
        let lines = try Self.exampleText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = ["feed", "notify", "rule"].contains(table) ? "[[\(table)]]" : "[\(table)]"
        let start = try #require(lines.firstIndex { $0 == header || $0 == "# " + header })
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("[") || $0.hasPrefix("# [") } ?? lines.count
        for key in Self.documentedKeys[table] ?? [] {
            let index = lines[start..<end].firstIndex {
                $0.hasPrefix("\(key) = ") || $0.hasPrefix("# \(key) = ")
            }
            let found = try #require(index, "\(table).\(key) is not in Config/feedd.toml")
            #expect(lines[found - 1].hasPrefix("#"), "\(table).\(key) has no comment above it")
        }
    }

    /// Uncommenting every example assignment gives a valid configuration with mail and one feed.
    @Test func commentedExamplesAreValid() throws {
        let text = try Self.exampleText()
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> String in
                let body = line.dropFirst(2)
                let isExample =
                    line.hasPrefix("# ")
                    && (body.hasPrefix("[") || body.first.map { $0.isLowercase } == true && body.contains(" = "))
                return isExample ? String(body) : String(line)
            }
            .joined(separator: "\n")
        let configuration = try FeedConfiguration.parse(
            text: text,
            fileName: "feedd.toml",
            baseDirectory: "/etc/feedd",
            stateDirectory: "/tmp/state"
        )
        #expect(configuration.store.path == "/var/lib/feedd/feedd.sqlite")
        #expect(configuration.digests[0].directory == "/var/lib/feedd/digests")
        #expect(configuration.digests[0].timeZoneIdentifier == "UTC")
        let mail = try #require(configuration.digests[0].mail)
        #expect(mail.url.absoluteString == "smtps://mail.example.org:465")
        #expect(mail.to == ["me@example.org"])
        #expect(mail.enabled)
        #expect(configuration.feeds.count == 1)
        #expect(configuration.feeds.first?.interval == .seconds(1_800))
        #expect(configuration.sinks.map(\.name) == ["phone"])
        #expect(configuration.sinks.first?.secretFile == "/etc/feedd/webhook.secret")
        #expect(configuration.rules.rules.map(\.name) == ["sponsored"])
        #expect(configuration.api == APISettings(host: "127.0.0.1", port: 8070, baseURL: "https://feeds.example.org"))
        #expect(configuration.rules.rules.first?.title?.matches("An ADVERTORIAL feature") == true)
    }
}
