import FeedStore
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `feedctl digest`, `articles --unique`, and the digest feedd owes when it starts after the scheduled time.
@Suite struct DigestCommandTests {
    static let xiTitle = "Report: Xi to Meet with Putin in Russia"

    /// `[digest] dir` inside a sandbox directory.
    static func digestTOML(_ directory: String, extra: String = "") -> String {
        "[digest]\ndir = \(FeedctlSandbox.tomlString(directory))\n" + extra
    }

    @Test func aStoryCarriedByTwoFeedsIsListedAndDigestedOnce() throws {
        let digests = NSTemporaryDirectory() + "feedctl-digests-" + UUID().uuidString
        let sandbox = try FeedctlSandbox(extraTOML: Self.digestTOML(digests))
        _ = try sandbox.succeed(["add", FeedctlSandbox.fixtureURL("politicaliq.rss")])
        _ = try sandbox.succeed(["add", FeedctlSandbox.fixtureURL("wire.rss")])

        let unique = try #require(try sandbox.json(["articles", "--unique", "--json"]) as? [[String: Any]])
        let xi = unique.filter { $0["title"] as? String == Self.xiTitle }
        #expect(xi.count == 1)
        let alsoIn = try #require(xi.first?["also_in"] as? [[String: Any]])
        #expect(alsoIn.map { $0["title"] as? String } == ["Wire"])
        // Cleaned: the site's trailer is not in the stored text.
        #expect((xi.first?["content_text"] as? String)?.contains("Read more exclusive news") == false)
        #expect(try sandbox.articles(["--json"]).count == unique.count + 1)

        // On demand, the digest of what arrived shows the story once, with the other feed named.
        let text = try sandbox.succeed(["digest"])
        #expect(text.components(separatedBy: Self.xiTitle).count == 2, "\(text)")
        #expect(text.contains("also in: Wire"), "\(text)")
        let html = try sandbox.succeed(["digest", "--format", "html", "--since", "2d"])
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        let markdown = try sandbox.succeed(["digest", "--format", "md"])
        #expect(markdown.contains("# feedd digest"))
        // Rendering on demand writes no files and moves no watermark: the same digest again.
        #expect(try sandbox.succeed(["digest"]) == text)
        #expect(!FileManager.default.fileExists(atPath: digests))
    }

    @Test func aMissingOrMalformedDayIsOneLine() throws {
        let sandbox = try FeedctlSandbox(extraTOML: Self.digestTOML(NSTemporaryDirectory() + "no-such-digests"))
        let missing = try sandbox.run(["digest", "--date", "2026-01-01"])
        #expect(missing.status != 0)
        #expect(missing.standardError.hasPrefix("feedctl: no text digest for 2026-01-01 in "))
        #expect(missing.standardError.split(separator: "\n").count == 1)
        let malformed = try sandbox.run(["digest", "--date", "yesterday"])
        #expect(malformed.status != 0)
        #expect(malformed.standardError.contains("--date expects a day such as 2026-11-29"))
        let both = try sandbox.run(["digest", "--date", "2026-01-01", "--since", "2d"])
        #expect(both.status != 0)
    }

    @Test func feeddWritesAMissedDigestAtStartUp() throws {
        let server = try LoopbackHTTPServer(
            routes: ["/feed.xml": .ok(FeeddOnceTests.rss("digest", items: 1...3))], concurrent: true, keepAlive: true)
        defer { server.stop() }
        // Today's 00:00 UTC passed while no feedd ran; one had run on this store the day before.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        let day = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        let directory = NSTemporaryDirectory() + "feedd-digests-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sandbox = try FeedctlSandbox(
            extraTOML: Self.digestTOML(
                directory,
                extra: """
                    time = "00:00"
                    timezone = "UTC"

                    [[feed]]
                    url = \(FeedctlSandbox.tomlString(server.url("/feed.xml")))
                    """))
        try FeedStore(path: sandbox.storePath, role: .daemon).recordDaemonStart(
            pid: 1, now: Date().addingTimeInterval(-2 * 86_400))
        // The feed's articles are stored first, as if fetched before the machine went down.
        let once = try FeedctlBinary.run(["--config", sandbox.configPath, "--once"], executable: FeeddOnceTests.feedd)
        #expect(once.status == 0, "\(once.standardError)")
        let notify = try NotifySocket()
        let daemon = try BackgroundProcess(
            executable: FeeddOnceTests.feedd, arguments: ["--config", sandbox.configPath],
            environment: ["NOTIFY_SOCKET": notify.path])
        #expect(notify.waitFor("READY=1"), "\(daemon.standardError)")
        let file = directory + "/\(day).txt"
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: file) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
        }
        let written = try String(contentsOfFile: file, encoding: .utf8)
        #expect(written.contains("digest story 3"), "\(written)")
        for name in ["\(day).html", "\(day).md", "latest.html"] {
            #expect(FileManager.default.fileExists(atPath: directory + "/" + name))
        }
        // feedctl prints the written day; the next on-demand digest starts after it: nothing new.
        #expect(try sandbox.succeed(["digest", "--date", day]) == written)
        #expect(try sandbox.succeed(["digest"]).contains("Nothing new since"))

        kill(daemon.process.processIdentifier, SIGTERM)
        #expect(daemon.waitForExit(seconds: 20))
        #expect(daemon.process.terminationStatus == 0, "\(daemon.standardError)")
        #expect(daemon.standardError.contains("digest \(day) written"), "\(daemon.standardError)")
    }
}
