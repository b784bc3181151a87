import Dispatch
import FeedStore
import Logging
import Synchronization

/// Watches a fetch cycle's store writer through its logger: each feed's "stored" (debug) or "cannot store" (error)
/// line is logged on the writer's queue once the feed's transaction has committed.
///
/// At each such line it records how many feeds have a fetch attempt stored, which tells transactions apart: feeds
/// stored one transaction each are reported one more each time, feeds sharing a transaction are all in the store
/// when the first of them is reported. It can also hold the writer's queue inside the first report until
/// `release()`, as a slow commit would, so the feeds parsed meanwhile queue up behind it.
final class WriterProbe: Sendable {
    private struct State {
        var snapshots: [Int] = []
        var held = false
    }

    private let state = Mutex(State())
    private let store: FeedStore
    private let holdFirst: Bool
    private let entered = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)

    init(store: FeedStore, holdFirst: Bool = false) {
        self.store = store
        self.holdFirst = holdFirst
    }

    /// A logger that reports to this probe.
    var logger: Logger {
        Logger(label: "feedd.pipeline.test") { _ in Handler(probe: self) }
    }

    /// The stored-feed counts seen at each report, in the order of the reports.
    var snapshots: [Int] {
        state.withLock { $0.snapshots }
    }

    /// Waits (bounded, against a hang) until the writer's queue is held inside the first report.
    func waitUntilHeld() -> Bool {
        entered.wait(timeout: .now() + 30) == .success
    }

    func release() {
        released.signal()
    }

    fileprivate func report() {
        let attempted = (try? store.feeds().count(where: { $0.lastAttemptAt != nil })) ?? -1
        let hold = state.withLock { state -> Bool in
            state.snapshots.append(attempted)
            defer { state.held = true }
            return holdFirst && !state.held
        }
        if hold {
            entered.signal()
            released.wait()
        }
    }

    private struct Handler: LogHandler {
        let probe: WriterProbe
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            if event.level == .debug || event.level == .error {
                probe.report()
            }
        }
    }
}
