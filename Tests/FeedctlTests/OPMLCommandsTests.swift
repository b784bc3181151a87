import Foundation
import TestSupport
import Testing

/// End-to-end: `feedctl import` and `feedctl export`.
@Suite struct OPMLCommandsTests {
    static let nested = FeedctlBinary.fixtures.appendingPathComponent("nested.opml").path
    static let malformed = FeedctlBinary.fixtures.appendingPathComponent("malformed.opml").path

    /// URL → tags that nested.opml's folders give.
    static let nestedTags: [String: [String]] = [
        "https://swift.example/feed.xml": ["Tech", "Swift"],
        "https://linux.example/rss": ["Tech"],
        "https://world.example/atom.xml": ["News"],
        "https://loose.example/feed": [],
    ]

    /// What a round trip must keep of each feed: URL, title and tags (in any order).
    struct Subscription: Hashable {
        var url: String
        var title: String
        var tags: Set<String>
    }

    static func subscriptions(_ sandbox: FeedctlSandbox) throws -> Set<Subscription> {
        Set(
            try sandbox.feeds().map {
                Subscription(
                    url: $0["url"] as? String ?? "", title: $0["title"] as? String ?? "",
                    tags: Set($0["tags"] as? [String] ?? []))
            })
    }

    @Test func importTurnsFoldersIntoTags() throws {
        let sandbox = try FeedctlSandbox()
        let output = try sandbox.succeed(["import", Self.nested])
        let lines = output.split(separator: "\n")
        #expect(lines.first == "Imported 4 new feeds from \(Self.nested).", "\(output)")
        #expect(output.contains("feedd is not running"))
        let feeds = try sandbox.feeds()
        #expect(feeds.count == 4)
        for feed in feeds {
            let url = try #require(feed["url"] as? String)
            #expect(feed["tags"] as? [String] == Self.nestedTags[url], "\(url)")
            #expect(feed["state"] as? String == "new")
            #expect(feed["source"] as? String == "feedctl")
        }
        #expect(
            feeds.first { $0["url"] as? String == "https://swift.example/feed.xml" }?["title"] as? String
                == "Swift Blog")
    }

    @Test func importingAgainDuplicatesNothing() throws {
        let sandbox = try FeedctlSandbox()
        _ = try sandbox.succeed(["import", Self.nested])
        let before = try sandbox.succeed(["list", "--json"])
        let again = try sandbox.succeed(["import", Self.nested])
        #expect(again == "Imported 0 new feeds from \(Self.nested); 4 already subscribed.\n", "\(again)")
        let json = try #require(try sandbox.json(["import", "--json", Self.nested]) as? [String: Any])
        #expect((json["added"] as? [String])?.isEmpty == true)
        #expect(Set(json["existing"] as? [String] ?? []) == Set(Self.nestedTags.keys))
        #expect(try sandbox.succeed(["list", "--json"]) == before)
    }

    @Test func importReadsStandardInput() throws {
        let sandbox = try FeedctlSandbox()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.nested))
        let result = try sandbox.run(["import", "--json", "-"], standardInput: bytes)
        #expect(result.status == 0, "\(result.standardError)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(Set(json["added"] as? [String] ?? []) == Set(Self.nestedTags.keys))
        #expect(try sandbox.feeds().count == 4)
    }

    @Test func exportThenImportKeepsURLsTitlesAndTags() throws {
        let original = try FeedctlSandbox()
        _ = try original.succeed(["import", Self.nested])
        _ = try original.succeed([
            "add", FeedctlSandbox.fixtureURL("session.atom"), "--title", "Mine", "--tag", "A", "--tag", "B",
        ])
        let expected = try Self.subscriptions(original)
        #expect(expected.count == 5)

        let stdout = try original.succeed(["export"])
        #expect(stdout.hasPrefix("<?xml"))
        #expect(stdout.contains("<opml version=\"2.0\">"))
        let file = original.directory.appendingPathComponent("out.opml").path
        let written = try original.run(["export", "-o", file])
        #expect(written.status == 0)
        #expect(written.standardOutput.isEmpty)
        #expect(written.standardError == "Exported 5 feeds to \(file).\n")
        let fileText = try String(contentsOfFile: file, encoding: .utf8)
        #expect(fileText.contains("https://swift.example/feed.xml"))

        for source in [file, "-"] {
            let fresh = try FeedctlSandbox()
            let result = try fresh.run(["import", source], standardInput: source == "-" ? Data(stdout.utf8) : nil)
            #expect(result.status == 0, "\(result.standardError)")
            // The file:// feed was added by hand; an OPML file never brings one in.
            #expect(result.standardOutput.hasPrefix("Imported 4 new feeds"), "\(result.standardOutput)")
            #expect(result.standardError.contains("skipped file://"), "\(result.standardError)")
            #expect(try Self.subscriptions(fresh) == expected.filter { !$0.url.hasPrefix("file://") })
        }
    }

    @Test func malformedOPMLNamesTheLineAndChangesNothing() throws {
        let sandbox = try FeedctlSandbox()
        _ = try sandbox.succeed(["add", FeedctlSandbox.fixtureURL("session.atom")])
        let before = try sandbox.succeed(["list", "--json"])
        let result = try sandbox.run(["import", Self.malformed])
        #expect(result.status != 0)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        // The unclosed outline of line 5 is found where </body> ends the body, on line 7.
        #expect(result.standardError.contains("\(Self.malformed):7:"), "\(result.standardError)")
        #expect(try sandbox.succeed(["list", "--json"]) == before)
    }

    @Test(arguments: [
        ("not xml at all <", "bad.opml"),
        ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>", "feed.opml"),
    ])
    func otherBadFilesAreOneLineErrors(_ contents: String, _ name: String) throws {
        let sandbox = try FeedctlSandbox()
        let path = try sandbox.write(contents, to: name)
        let result = try sandbox.run(["import", path])
        #expect(result.status != 0)
        #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        #expect(result.standardError.contains(path), "\(result.standardError)")
        // Refused before the store is opened: it is not even created.
        #expect(!FileManager.default.fileExists(atPath: sandbox.storePath))
    }

    @Test func aMissingFileIsOneLineError() throws {
        let sandbox = try FeedctlSandbox()
        let path = sandbox.directory.appendingPathComponent("absent.opml").path
        let result = try sandbox.run(["import", path])
        #expect(result.status != 0)
        #expect(result.standardError == "feedctl: \(path): no such file\n", "\(result.standardError)")
    }
}
