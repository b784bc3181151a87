import FeedConfig
import Foundation
import Logging
import TestSupport

@testable import FeedDaemon

/// A daemon on a fresh store in a temporary directory, its feeds served by a loopback server, its log captured.
///
/// The service runs in this process without signal sources or timers: the test calls `tick()`, `stop(now:)` and
/// `reloadConfiguration()` as the signals would.
final class ServiceFixture: Sendable {
    let directory: String
    let server: LoopbackHTTPServer
    let log = LogCapture.Lines()
    let daemon: Daemon
    let configuration: FeedConfiguration

    /// An RSS document of `items` entries.
    static func rss(_ title: String, items: ClosedRange<Int>) -> String {
        let entries = items.map { number in
            """
            <item><title>\(title) story \(number)</title><link>https://example.org/\(title)/\(number)</link>
            <guid>\(title)-\(number)</guid><description>Story \(number) of \(title).</description></item>
            """
        }
        return """
            <?xml version="1.0"?><rss version="2.0"><channel><title>\(title)</title><link>https://example.org/</link>
            \(entries.joined(separator: "\n"))
            </channel></rss>
            """
    }

    /// A feed whose body arrives 16 bytes every `interval`: a transfer that is still in flight when the test acts.
    static func slow(_ title: String, items: ClosedRange<Int>, interval: Duration) -> LoopbackHTTPServer.Response {
        LoopbackHTTPServer.Response(
            headers: [("Content-Type", "application/rss+xml")], body: Array(rss(title, items: items).utf8),
            delivery: .trickle(chunkSize: 16, interval: interval))
    }

    /// - Parameter feeds: the paths of `routes` the configuration subscribes to.
    init(routes: [String: LoopbackHTTPServer.Response], feeds: [String]) throws {
        directory = NSTemporaryDirectory() + "feedd-service-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let server = try LoopbackHTTPServer(
            routes: routes, lifetime: .seconds(60), concurrent: true, keepAlive: true)
        self.server = server
        configuration = try Self.configuration(directory: directory, feeds: feeds.map { server.url($0) })
        let lines = log
        let logger = Logger(label: "feedd") { _ in LogCapture(lines: lines) }
        daemon = try Daemon(configuration: configuration, logger: logger)
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The configuration of a daemon whose store and digests live in `directory`.
    static func configuration(
        directory: String, feeds: [String], store: String = "store.sqlite", concurrency: Int = 4, keepDays: Int = 90
    ) throws -> FeedConfiguration {
        let tables = feeds.map { "[[feed]]\nurl = \"\($0)\"\n" }.joined(separator: "\n")
        let text = """
            [store]
            path = "\(directory)/\(store)"
            keep_days = \(keepDays)

            [fetch]
            allow_private_addresses = true
            low_speed_limit = "1B"
            concurrency = \(concurrency)

            [digest]
            dir = "\(directory)/digests"

            \(tables)
            """
        return try FeedConfiguration.parse(
            text: text, fileName: "feedd.toml", baseDirectory: directory, stateDirectory: directory)
    }

    /// Starts the service; the task ends when the service stops.
    func start(
        reload: @escaping @Sendable () throws(ConfigError) -> FeedConfiguration = { () throws(ConfigError) in
            throw ConfigError(file: "feedd.toml", line: nil, key: nil, message: "no file in this test")
        }
    ) -> Task<Void, any Error> {
        let daemon = daemon
        return Task {
            try await daemon.runService(
                notifier: SystemdNotifier(environment: [:]), reload: reload, signalsAndTimers: false)
        }
    }

    /// Waits (up to 30 s) until `condition` holds; false when it never did.
    func waitUntil(_ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }

    /// How many requests the server has had for `path`.
    func requests(_ path: String) -> Int {
        server.receivedRequests.filter { $0.target == path }.count
    }

    /// How many cycles have ended: each logs one line that starts with "cycle ended".
    var cycles: Int {
        log.count(prefix: "cycle ended")
    }
}
