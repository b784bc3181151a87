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

        // On demand, the digest of the fixtures' day (March 2023) shows the story once, with the other feed named.
        let text = try sandbox.succeed(["digest", "--since", "2023-03-01"])
        #expect(text.components(separatedBy: Self.xiTitle).count == 2, "\(text)")
        #expect(text.contains("also in: Wire"), "\(text)")
        #expect(text.contains("Mon 13 Mar 2023"), "\(text)")
        let html = try sandbox.succeed(["digest", "--format", "html", "--since", "2d"])
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        // What the first daily digest would hold: what was published in the last day, not the feeds' archives.
        let markdown = try sandbox.succeed(["digest", "--format", "md"])
        #expect(markdown.contains("# feedd digest"))
        #expect(markdown.contains("Nothing new since"), "\(markdown)")
        #expect(markdown.contains("Left out: \(unique.count + 1) older articles"), "\(markdown)")
        // Rendering on demand writes no files and moves no watermark: the same digest again.
        #expect(try sandbox.succeed(["digest", "--since", "2023-03-01"]) == text)
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

    @Test func sinceMeansPublicationTimeInArticlesAndDigest() throws {
        let sandbox = try FeedctlSandbox(
            extraTOML: Self.digestTOML(NSTemporaryDirectory() + "no-such-digests", extra: "timezone = \"UTC\"\n"))
        let feed = try sandbox.write(DatedFeed.mixed("Mixed"), to: "mixed.rss")
        _ = try sandbox.succeed(["add", URL(fileURLWithPath: feed).absoluteString])
        // Every item was first seen just now; only the fresh one and the undated one were published in the last day.
        let recent = ["Mixed fresh", "Mixed undated"]
        let listed = try sandbox.articles(["--since", "1d"]).compactMap { $0["title"] as? String }
        #expect(Set(listed) == Set(recent))
        let digest = try sandbox.succeed(["digest", "--since", "1d"])
        for title in recent {
            #expect(digest.contains(title), "\(digest)")
        }
        #expect(!digest.contains("three days old"), "\(digest)")
        #expect(!digest.contains("last year"), "\(digest)")
        // A period the reader chose leaves out the rest by design: no "Left out" line.
        #expect(!digest.contains("Left out"), "\(digest)")
        // A week back adds the three-day-old item, in both.
        let week = try sandbox.succeed(["digest", "--since", "1w"])
        #expect(week.contains("Mixed three days old"), "\(week)")
        #expect(!week.contains("last year"), "\(week)")
        #expect(try sandbox.articles(["--since", "1w"]).count == 3)
        // The item of 400 days ago is dated with its year.
        let all = try sandbox.succeed(["digest", "--since", "2000-01-01"])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let year = calendar.component(.year, from: Date().addingTimeInterval(-400 * 86_400))
        #expect(all.contains("Mixed last year"), "\(all)")
        #expect(all.contains(" \(year), "), "\(all)")
    }

    @Test func feeddWritesAMissedDigestAtStartUp() throws {
        let server = try LoopbackHTTPServer(
            routes: ["/feed.xml": .ok(DatedFeed.mixed("digest"))], concurrent: true, keepAlive: true)
        defer { server.stop() }
        // Today's 00:00 UTC passed while no feedd ran; one had run on this store the day before.
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
        let once = try FeedctlBinary.run(["--config", sandbox.configPath, "--once"], executable: FeedctlBinary.feedd)
        #expect(once.status == 0, "\(once.standardError)")
        let notify = try NotifySocket()
        let daemon = try BackgroundProcess(
            executable: FeedctlBinary.feedd, arguments: ["--config", sandbox.configPath],
            environment: ["NOTIFY_SOCKET": notify.path])
        #expect(notify.waitFor("READY=1"), "\(daemon.standardError)")
        // The day is the file's: computed before the daemon started, it would be wrong across midnight.
        var name: String?
        let deadline = Date().addingTimeInterval(30)
        while name == nil && Date() < deadline {
            name = (try? FileManager.default.contentsOfDirectory(atPath: directory))?.first { $0.hasSuffix(".txt") }
            if name == nil { Thread.sleep(forTimeInterval: 0.2) }
        }
        let day = String(try #require(name, "\(daemon.standardError)").dropLast(4))
        let written = try String(contentsOfFile: directory + "/\(day).txt", encoding: .utf8)
        // The store never had a digest: it holds what was published in the last day, not the feed's history.
        #expect(written.contains("digest fresh"), "\(written)")
        #expect(written.contains("digest undated"), "\(written)")
        #expect(!written.contains("digest three days old"), "\(written)")
        #expect(written.contains("Left out: 2 older articles"), "\(written)")
        for name in ["\(day).html", "\(day).md", "latest.html"] {
            #expect(FileManager.default.fileExists(atPath: directory + "/" + name))
        }
        // feedctl prints the written day; the next on-demand digest starts after it: nothing new.
        #expect(try sandbox.succeed(["digest", "--date", day]) == written)
        #expect(try sandbox.succeed(["digest"]).contains("Nothing new since"))

        kill(daemon.process.processIdentifier, SIGTERM)
        #expect(daemon.waitForExit(seconds: 20))
        #expect(daemon.process.terminationStatus == 0, "\(daemon.standardError)")
        #expect(daemon.standardError.contains("digest written day=\(day) "), "\(daemon.standardError)")
    }
}
