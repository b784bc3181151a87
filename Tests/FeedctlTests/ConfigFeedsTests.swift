import Foundation
import TestSupport
import Testing

/// End-to-end: feeds defined by `[[feed]]` tables in the configuration file, and configuration errors.
@Suite struct ConfigFeedsTests {
    static let session = FeedctlSandbox.fixtureURL("session.atom")

    static func sandbox() throws -> FeedctlSandbox {
        try FeedctlSandbox(
            extraTOML: """
                [[feed]]
                url = \(FeedctlSandbox.tomlString(session))
                title = "Configured"
                interval = "2h"
                tags = ["cfg", "news"]
                """)
    }

    @Test func configFeedsAreListedWithTheirSource() throws {
        let sandbox = try Self.sandbox()
        // Listing creates no store: feedd (or a writing command) does, with the configuration's feeds.
        let listed = try sandbox.run(["list"])
        #expect(listed.status == 1)
        #expect(
            listed.standardError
                == "feedctl: no store at \(sandbox.storePath) yet: start feedd to create it with the feed of "
                + "\(sandbox.configPath)\n")
        #expect(!FileManager.default.fileExists(atPath: sandbox.storePath))
        _ = try sandbox.succeed(["read", "--all"])
        let feeds = try sandbox.feeds()
        #expect(feeds.count == 1)
        let feed = try #require(feeds.first)
        #expect(feed["url"] as? String == Self.session)
        #expect(feed["source"] as? String == "config")
        #expect(feed["title"] as? String == "Configured")
        #expect(feed["tags"] as? [String] == ["cfg", "news"])
        #expect(feed["interval"] as? Int == 7200)
        // Not fetched yet: feedd fetches it on its next tick.
        #expect(feed["state"] as? String == "new")
        #expect(feed["articles"] as? Int == 0)
        let table = try sandbox.succeed(["list"])
        #expect(table.contains("Configured") && table.contains("new"), "\(table)")
        let show = try sandbox.succeed(["show", "1"])
        #expect(show.contains("Source        configuration file"), "\(show)")
    }

    @Test func aConfigFeedCannotBeRemovedHere() throws {
        let sandbox = try Self.sandbox()
        for reference in ["1", Self.session] {
            let result = try sandbox.run(["remove", reference])
            #expect(result.status != 0)
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
            #expect(result.standardError.contains(sandbox.configPath), "\(result.standardError)")
            #expect(result.standardError.contains(Self.session))
        }
        #expect(try sandbox.feeds().count == 1)
    }

    @Test func addingAConfigFeedSaysItIsSubscribed() throws {
        let sandbox = try Self.sandbox()
        let output = try sandbox.succeed(["add", Self.session])
        #expect(output == "Already subscribed: #1 Configured (\(Self.session))\n")
        #expect(try sandbox.feeds().first?["source"] as? String == "config")
    }

    @Test(arguments: [
        ("[fetch]\nintervall = \"1h\"\n", "intervall"),
        ("[store]\nkeep_days = 0\n", "keep_days"),
        ("[[feed]]\ntitle = \"no url\"\n", "url"),
    ])
    func configurationErrorsNameTheFileAndLine(_ toml: String, _ key: String) throws {
        let sandbox = try FeedctlSandbox()
        let path = try sandbox.write("# a bad configuration\n" + toml, to: "bad.toml")
        let result = try FeedctlBinary.run(["list", "--config", path])
        #expect(result.status != 0)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        #expect(result.standardError.contains("bad.toml:"), "\(result.standardError)")
        #expect(result.standardError.contains(key), "\(result.standardError)")
    }

    @Test func aMissingConfigFileIsAnError() throws {
        let sandbox = try FeedctlSandbox()
        let path = sandbox.directory.appendingPathComponent("absent.toml").path
        let result = try FeedctlBinary.run(["status", "--config", path])
        #expect(result.status != 0)
        #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        #expect(result.standardError.contains(path), "\(result.standardError)")
    }
}
