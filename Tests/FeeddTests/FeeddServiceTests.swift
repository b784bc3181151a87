import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The long-running `feedd` under a stand-in for systemd: readiness, status, wake-up, reload, watchdog and stop.
@Suite(.serialized) struct FeeddServiceTests {
    @Test func theServiceReportsWakesReloadsAndStopsCleanly() throws {
        let server = try LoopbackHTTPServer(
            routes: ["/feed.xml": .ok(NumberedFeed.rss("svc", items: 1...4))], concurrent: true, keepAlive: true)
        defer { server.stop() }
        let sandbox = try FeedctlSandbox(
            extraTOML: "[[feed]]\nurl = \(FeedctlSandbox.tomlString(server.url("/feed.xml")))\n")
        let notify = try NotifySocket()
        let daemon = try BackgroundProcess(
            executable: FeedctlBinary.feedd, arguments: ["--config", sandbox.configPath],
            environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "400000"])

        #expect(notify.waitFor("READY=1"), "\(daemon.standardError)")
        // The first tick fetches at once; the status line then says how many feeds there are.
        #expect(notify.waitFor("WATCHDOG=1"))
        let deadline = Date().addingTimeInterval(20)
        while try sandbox.articles([]).count < 4 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(try sandbox.articles([]).count == 4)
        #expect(notify.messages.contains { $0.contains("STATUS=1 feeds") })
        let status = try sandbox.status()
        #expect(status["running"] as? Bool == true)

        // refresh marks the feed due and wakes the daemon through the pid it recorded.
        let before = server.receivedRequests.count
        let refresh = try sandbox.succeed(["refresh"])
        #expect(refresh.contains("Woke feedd"), "\(refresh)")
        let wakeDeadline = Date().addingTimeInterval(20)
        while server.receivedRequests.count == before && Date() < wakeDeadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(server.receivedRequests.count > before)

        // A broken configuration on reload is logged and the running one kept.
        let original = try String(contentsOfFile: sandbox.configPath, encoding: .utf8)
        try Data((original + "\n[fetch.extra]\n").utf8).write(to: URL(fileURLWithPath: sandbox.configPath))
        kill(daemon.process.processIdentifier, SIGHUP)
        #expect(notify.waitFor("RELOADING=1"))
        #expect(notify.waitFor("READY=1"))
        Thread.sleep(forTimeInterval: 0.3)
        #expect(daemon.isRunning)
        #expect(daemon.standardError.contains("reload failed"), "\(daemon.standardError)")

        kill(daemon.process.processIdentifier, SIGTERM)
        #expect(notify.waitFor("STOPPING=1"))
        #expect(daemon.waitForExit(seconds: 20))
        #expect(daemon.process.terminationStatus == 0, "\(daemon.standardError)")
        try Data(original.utf8).write(to: URL(fileURLWithPath: sandbox.configPath))
        #expect(try sandbox.status()["running"] as? Bool == false)
    }

    @Test func reloadAddsAndRemovesConfiguredFeeds() throws {
        let server = try LoopbackHTTPServer(
            routes: [
                "/a.xml": .ok(NumberedFeed.rss("a", items: 1...2)),
                "/b.xml": .ok(NumberedFeed.rss("b", items: 1...3)),
            ], concurrent: true, keepAlive: true)
        defer { server.stop() }
        let feedA = "[[feed]]\nurl = \(FeedctlSandbox.tomlString(server.url("/a.xml")))\n"
        let feedB = "[[feed]]\nurl = \(FeedctlSandbox.tomlString(server.url("/b.xml")))\n"
        let sandbox = try FeedctlSandbox(extraTOML: feedA)
        let notify = try NotifySocket()
        let daemon = try BackgroundProcess(
            executable: FeedctlBinary.feedd, arguments: ["--config", sandbox.configPath],
            environment: ["NOTIFY_SOCKET": notify.path])
        #expect(notify.waitFor("READY=1"), "\(daemon.standardError)")

        // Swap a for b in the file, then SIGHUP: b is subscribed (and fetched at once), a is gone.
        let text = try String(contentsOfFile: sandbox.configPath, encoding: .utf8)
        try Data(text.replacingOccurrences(of: feedA, with: feedB).utf8).write(
            to: URL(fileURLWithPath: sandbox.configPath))
        kill(daemon.process.processIdentifier, SIGHUP)
        #expect(notify.waitFor("RELOADING=1"))
        let deadline = Date().addingTimeInterval(20)
        var urls: [String] = []
        var articles = 0
        repeat {
            Thread.sleep(forTimeInterval: 0.1)
            urls = try sandbox.feeds().compactMap { $0["url"] as? String }
            articles = try sandbox.articles([]).count
        } while (urls != [server.url("/b.xml")] || articles != 3) && Date() < deadline
        #expect(urls == [server.url("/b.xml")])
        #expect(articles == 3)
        kill(daemon.process.processIdentifier, SIGTERM)
        #expect(daemon.waitForExit(seconds: 20))
        #expect(daemon.process.terminationStatus == 0)
    }

    @Test func aStoreWithoutADigestGetsItsFirstOneAfterTheFirstCycle() throws {
        let server = try LoopbackHTTPServer(
            routes: ["/feed.xml": .ok(DatedFeed.mixed("first"))], concurrent: true, keepAlive: true)
        defer { server.stop() }
        let directory = NSTemporaryDirectory() + "feedd-first-digest-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The scheduled time is half a day away: only the first digest can be written now.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let hour = (calendar.component(.hour, from: Date()) + 12) % 24
        let sandbox = try FeedctlSandbox(
            extraTOML: """
                [digest]
                dir = \(FeedctlSandbox.tomlString(directory))
                time = "\(String(format: "%02d", hour)):00"
                timezone = "UTC"

                [[feed]]
                url = \(FeedctlSandbox.tomlString(server.url("/feed.xml")))
                """)
        let notify = try NotifySocket()
        let daemon = try BackgroundProcess(
            executable: FeedctlBinary.feedd, arguments: ["--config", sandbox.configPath],
            environment: ["NOTIFY_SOCKET": notify.path])
        #expect(notify.waitFor("READY=1"), "\(daemon.standardError)")
        let deadline = Date().addingTimeInterval(30)
        while !daemon.standardError.contains("digest written ") && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        let log = daemon.standardError
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        let text = try #require(files.first { $0.hasSuffix(".txt") }, "\(files) \(log)")
        let day = String(text.dropLast(4))
        #expect(files == ["\(day).html", "\(day).md", "\(day).txt", "latest.html"])
        #expect(
            log.contains("digest written day=\(day) directory=\(directory) edition=daily files=4 stories=2"), "\(log)")
        // Logged after the cycle that fetched the feed, not at start-up.
        let cycle = try #require(log.range(of: "cycle ended failed=0 feeds=1 "), "\(log)")
        #expect(try #require(log.range(of: "digest written day=\(day)")).lowerBound > cycle.lowerBound)

        // What the feed published in the last day, not its history, which the header counts.
        let written = try String(contentsOfFile: directory + "/" + text, encoding: .utf8)
        #expect(written.contains("first fresh"), "\(written)")
        #expect(written.contains("first undated"), "\(written)")
        #expect(!written.contains("three days old"), "\(written)")
        #expect(!written.contains("last year"), "\(written)")
        #expect(written.contains("2 stories from 1 feed\n1 feed, all ok\nLeft out: 2 older articles"), "\(written)")
        // Once only: the next digest is the scheduled one, and holds nothing yet.
        #expect(try sandbox.succeed(["digest"]).contains("Nothing new since"))
        // A second cycle that fetches the feed again ends, and with it every chance of a second first digest.
        _ = try sandbox.succeed(["refresh"])
        let again = Date().addingTimeInterval(30)
        while daemon.standardError.components(separatedBy: "cycle ended failed=0 feeds=1 ").count < 3 && Date() < again
        {
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(
            daemon.standardError.components(separatedBy: "cycle ended failed=0 feeds=1 ").count == 3,
            "\(daemon.standardError)")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(
            daemon.standardError.components(separatedBy: "digest written ").count == 2, "\(daemon.standardError)")

        kill(daemon.process.processIdentifier, SIGTERM)
        #expect(daemon.waitForExit(seconds: 20))
        #expect(daemon.process.terminationStatus == 0, "\(daemon.standardError)")
    }

    /// A daemon in the middle of a cycle: one feed answered at once, the other trickles for minutes.
    struct MidCycle {
        let server: LoopbackHTTPServer
        let sandbox: FeedctlSandbox
        let notify: NotifySocket
        let daemon: BackgroundProcess
    }

    func startMidCycle() throws -> MidCycle {
        let slow = LoopbackHTTPServer.Response(
            headers: [("Content-Type", "application/rss+xml")],
            body: Array(NumberedFeed.rss("slow", items: 1...9).utf8),
            delivery: .trickle(chunkSize: 16, interval: .milliseconds(500)))
        let server = try LoopbackHTTPServer(
            routes: ["/fast.xml": .ok(NumberedFeed.rss("fast", items: 1...3)), "/slow.xml": slow],
            concurrent: true, keepAlive: true)
        let feeds = ["fast", "slow"].map { "[[feed]]\nurl = \(FeedctlSandbox.tomlString(server.url("/\($0).xml")))\n" }
        // 32 bytes a second would be aborted as too slow after 10 s, racing the stop's deadline; 1 byte a second
        // keeps the transfer in flight until the 30 s deadline, long after the stop's.
        let sandbox = try FeedctlSandbox(
            fetchTOML: "low_speed_limit = \"1B\"", extraTOML: feeds.joined(separator: "\n"))
        let notify = try NotifySocket()
        let daemon = try BackgroundProcess(
            executable: FeedctlBinary.feedd, arguments: ["--config", sandbox.configPath],
            environment: ["NOTIFY_SOCKET": notify.path])
        #expect(notify.waitFor("READY=1"), "\(daemon.standardError)")
        let deadline = Date().addingTimeInterval(20)
        while try sandbox.articles([]).count < 3 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(server.receivedRequests.contains { $0.target == "/slow.xml" })
        return MidCycle(server: server, sandbox: sandbox, notify: notify, daemon: daemon)
    }

    @Test func stopDuringACycleExitsZeroWithTheStoreIntact() throws {
        let run = try startMidCycle()
        defer { run.server.stop() }
        kill(run.daemon.process.processIdentifier, SIGTERM)
        #expect(run.notify.waitFor("STOPPING=1"))
        #expect(run.daemon.waitForExit(seconds: 30), "the stop deadline aborts the trickling transfer")
        #expect(run.daemon.process.terminationStatus == 0, "\(run.daemon.standardError)")
        #expect(run.daemon.standardError.contains("transfers in flight get up to 10 s to finish"))
        #expect(run.daemon.standardError.contains("stop deadline passed"))
        let status = try run.sandbox.status(check: true)
        #expect(status["integrity"] as? [String] == ["ok"])
        #expect(status["articles"] as? Int == 3)
        // The aborted transfer is not counted as the slow feed's failure.
        let slowFeed = try run.sandbox.feeds().first { ($0["url"] as? String)?.hasSuffix("/slow.xml") == true }
        #expect(slowFeed?["consecutive_failures"] as? Int == 0)
    }

    @Test func aSecondInterruptStopsWithoutWaitingForTransfers() throws {
        let run = try startMidCycle()
        defer { run.server.stop() }
        kill(run.daemon.process.processIdentifier, SIGINT)
        #expect(run.notify.waitFor("STOPPING=1"))
        // The first Ctrl-C says how long it waits, and how not to.
        let said = Date().addingTimeInterval(10)
        while !run.daemon.standardError.contains("Ctrl-C again stops at once") && Date() < said {
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(run.daemon.standardError.contains("transfers in flight get up to 10 s to finish (Ctrl-C again"))
        kill(run.daemon.process.processIdentifier, SIGINT)
        #expect(run.daemon.waitForExit(seconds: 30))
        #expect(run.daemon.process.terminationStatus == 0, "\(run.daemon.standardError)")
        // The second Ctrl-C aborted the transfer, not the deadline.
        #expect(run.daemon.standardError.contains("stopping now: aborting the transfers still in flight"))
        #expect(!run.daemon.standardError.contains("stop deadline passed"), "\(run.daemon.standardError)")
        let status = try run.sandbox.status(check: true)
        #expect(status["integrity"] as? [String] == ["ok"])
        #expect(status["articles"] as? Int == 3)
    }
}
