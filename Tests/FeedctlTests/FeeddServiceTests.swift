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
            routes: ["/feed.xml": .ok(FeeddOnceTests.rss("svc", items: 1...4))], concurrent: true, keepAlive: true)
        defer { server.stop() }
        let sandbox = try FeedctlSandbox(
            extraTOML: "[[feed]]\nurl = \(FeedctlSandbox.tomlString(server.url("/feed.xml")))\n")
        let notify = try NotifySocket()
        let daemon = try BackgroundProcess(
            executable: FeeddOnceTests.feedd, arguments: ["--config", sandbox.configPath],
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
}
