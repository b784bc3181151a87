import FeedAPI
import FeedConfig
import FeedFetching
import FeedNotify
import FeedPipeline
import FeedStore
import Foundation
import Logging

/// feedd itself: the store, the fetcher and the configuration they run under.
///
/// `runOnce()` is `feedd --once`; the long-running service adds timers and signals around the same cycle.
///
/// An actor whose executor is its control queue, `feedd.control` (``ControlQueueExecutor``): the compiler keeps
/// its mutable state on that queue, and the timers and signal sources, which fire there, enter it with
/// `assumeIsolated`, which traps on any other queue. Blocking store work never runs on the control queue's
/// behalf on Swift's cooperative pool: it goes to `storeQueue` (``onStoreQueue(_:)``).
public actor Daemon {
    var configuration: FeedConfiguration
    let store: FeedStore
    /// Held for the daemon's life: no second feedd runs on the same store.
    let lock: DaemonLock
    var fetcher: MultiFetcher
    let logger: Logger
    /// The control queue: the actor's executor, and the queue of its timers and signal sources.
    let queue: DispatchQueue
    private let executor: ControlQueueExecutor
    /// Where the daemon's own store calls run (the cycle's writes have the pipeline's writer queue): they may wait
    /// up to 30 s for another process's lock, which must hold neither the control queue nor a cooperative thread.
    let storeQueue = DispatchQueue(label: "feedd.store", qos: .utility)
    /// Where notifications are delivered (`AlertDelivery`): a sink may take until its timeout to answer, which must
    /// hold up neither the control queue nor the store calls.
    let notifyQueue = DispatchQueue(label: "feedd.notify", qos: .utility)
    /// When this daemon started, for `AlertDelivery`'s retries.
    let startedAt = Date()
    /// The running service's state (`runService`); nil for `--once`.
    var service: ServiceState?
    /// The `[api]` listener while it runs (`startAPI()`); nil without `[api]` and for `--once`.
    var api: APIServer?

    /// The level a reload sets from `[log] level`; nil when the command line fixed the level.
    let logLevel: LogLevelSetting?

    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    /// Takes the store's daemon lock, opens (and migrates) the store the configuration names and syncs the
    /// configuration's feeds into it.
    ///
    /// Throws `StoreError.Kind.otherDaemon` when another feedd (the service, or `--once`) runs on the store, and the
    /// store's other kinds when it cannot be opened, created or migrated.
    ///
    /// - Parameter logLevel: the handlers' shared level, which a reload then sets from the new `[log] level`.
    public init(configuration: FeedConfiguration, logger: Logger, logLevel: LogLevelSetting? = nil)
        throws(StoreError)
    {
        self.configuration = configuration
        self.logger = logger
        self.logLevel = logLevel
        let control = DispatchQueue(label: "feedd.control")
        queue = control
        executor = ControlQueueExecutor(queue: control)
        // A store feedd refuses (another program's database, a newer schema, no permission) gets no lock file.
        try FeedStore.check(path: configuration.store.path, role: .daemon)
        lock = try DaemonLock(storePath: configuration.store.path)
        store = try FeedStore(path: configuration.store.path, role: .daemon)
        try store.limitMemory(toBytes: Self.storeMemory)
        fetcher = Self.makeFetcher(configuration.fetch, logger: logger)
        try Self.syncConfigFeeds(configuration.subscriptions, into: store, logger: logger)
        // A sink is told about what happens from the moment it is configured (its cursor starts at the newest
        // alert), so it must be known before the first cycle raises any.
        _ = try store.sinkDeliveries(ensuring: configuration.sinks.map(\.name))
    }

    /// What SQLite may allocate in the daemon (`FeedStore.limitMemory(toBytes:)`): 4 MiB.
    ///
    /// A cycle's writes touch the indexes at random places, and the pages it re-reads come from the kernel's cache
    /// of the file: against the 16 MiB page cache it would fill, a cold cycle of the benchmark's 1,000 feeds costs
    /// about 0.7 s more system time on the writer's thread, and peaks 12 MB lower (the price of the 64 MB bound).
    static let storeMemory = 4 << 20

    static func makeFetcher(_ settings: FetchSettings, logger: Logger) -> MultiFetcher {
        MultiFetcher(
            configuration: MultiFetcher.Configuration(concurrency: settings.concurrency, perHost: settings.perHost),
            logger: logger
        )
    }

    /// Makes the store's configured feeds those of `subscriptions`, logging each one added or removed.
    static func syncConfigFeeds(_ subscriptions: [NewFeed], into store: FeedStore, logger: Logger)
        throws(StoreError)
    {
        let summary = try store.syncConfigFeeds(subscriptions)
        for url in summary.added {
            logger.info("subscribed to a feed of the configuration", metadata: ["feed": "\(url)"])
        }
        for url in summary.removed {
            logger.info("unsubscribed from a feed no longer in the configuration", metadata: ["feed": "\(url)"])
        }
    }

    /// Runs `work` on `storeQueue` and returns its result: the awaiting task is suspended, not blocked.
    ///
    /// Isolated to the daemon, so the work is queued before the caller suspends: two calls reach the store in the
    /// order the daemon made them (a nonisolated function would first hop to the cooperative pool, where the
    /// order is lost).
    func onStoreQueue<Value: Sendable>(
        _ work: @escaping @Sendable () throws(StoreError) -> Value
    ) async throws(StoreError) -> Value {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<Value, StoreError>, Never>) in
            storeQueue.async {
                continuation.resume(returning: Result { () throws(StoreError) in try work() })
            }
        }
        return try result.get()
    }

    /// One fetch cycle over every feed that is due now.
    ///
    /// - Parameter cycle: the cycle to run it on (the service keeps it to abort it on stop); a new one when nil.
    func runCycle(_ cycle: FetchCycle? = nil, now: Date = Date()) async throws(StoreError) -> CycleSummary {
        let store = store
        let due = try await onStoreQueue { () throws(StoreError) in try store.dueFeeds(now: now) }
        // The cycle's own store work runs on its workers and its writer's queue; `run` only waits for it.
        let summary = await (cycle ?? makeCycle()).run(due)
        if summary.feeds > 0 {
            try await onStoreQueue { () throws(StoreError) in try store.recordCycle(at: now, seconds: summary.seconds) }
        }
        logCycle(summary)
        return summary
    }

    func makeCycle() -> FetchCycle {
        FetchCycle(
            store: store, fetcher: fetcher, settings: configuration.fetch, rules: configuration.rules, logger: logger,
            credentialsDirectory: Self.credentialsDirectory)
    }

    /// One info line per cycle that fetched anything, and every store failure at error level.
    func logCycle(_ summary: CycleSummary) {
        guard summary.feeds > 0 else {
            logger.debug("cycle ended: no feed was due")
            return
        }
        // Keys sort as the handler prints them: "cycle ended failed=0 feeds=12 fetched=3 gone=0 new=7 …".
        var metadata: Logger.Metadata = [
            "feeds": "\(summary.feeds)", "seconds": "\(String(format: "%.1f", summary.seconds))",
            "fetched": "\(summary.fetched)", "not_modified": "\(summary.notModified)",
            "failed": "\(summary.failed)", "gone": "\(summary.gone)", "new": "\(summary.inserted)",
            "updated": "\(summary.updated)",
        ]
        // Only when rules dropped something, so the line of a configuration without rules stays as it was.
        if summary.dropped > 0 {
            metadata["dropped"] = "\(summary.dropped)"
        }
        logger.info("cycle ended", metadata: metadata)
        for problem in summary.storeErrors {
            logger.error("feed not stored", metadata: ["error": "\(problem)"])
        }
    }

    /// `feedd --once`: runs one cycle of the due feeds and returns.
    ///
    /// It does not record itself as the daemon: a service running beside it stays the one `feedctl` wakes.
    ///
    /// The alerts it raised (and any still waiting) are delivered before it returns, and the write-ahead log is
    /// copied into the store and emptied.
    public func runOnce() async throws(StoreError) -> CycleSummary {
        let summary = try await runCycle()
        fetcher.shutdown()
        let delivery = alertDelivery
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            notifyQueue.async {
                delivery.run()
                done.resume()
            }
        }
        // SQLite empties the log when the last connection closes, and the process may end before that: one run in
        // five left up to 64 MiB of log beside the store (safe, but every copy of the file alone missed the last
        // transactions until the next open replayed them).
        let store = store
        do {
            try await onStoreQueue { () throws(StoreError) in try store.truncateWriteAheadLog() }
        } catch {
            logger.notice("write-ahead log not emptied after the cycle", metadata: ["error": "\(error)"])
        }
        return summary
    }

    /// `$CREDENTIALS_DIRECTORY`: where systemd puts the unit's credentials (`LoadCredential=`), which feeds'
    /// `password_credential` and sinks' `secret_credential` name.
    static var credentialsDirectory: String? {
        ProcessInfo.processInfo.environment["CREDENTIALS_DIRECTORY"]
    }

    /// The notifier of the current configuration.
    var alertDelivery: AlertDelivery {
        AlertDelivery(
            store: store, sinks: configuration.sinks,
            sender: NotificationSender(userAgent: configuration.fetch.userAgent), logger: logger,
            startedAt: startedAt, credentialsDirectory: Self.credentialsDirectory)
    }

    /// Delivers the waiting alerts on the notify queue, one run at a time (a run asked for meanwhile follows).
    func deliverAlerts() {
        guard var state = service, !configuration.sinks.isEmpty else { return }
        guard !state.notifyRunning else {
            service?.notifyPending = true
            return
        }
        state.notifyRunning = true
        state.notifyPending = false
        service = state
        let delivery = alertDelivery
        notifyQueue.async { @Sendable [self] in
            delivery.run()
            queue.async { @Sendable [self] in
                assumeIsolated { daemon in
                    daemon.service?.notifyRunning = false
                    if daemon.service?.notifyPending == true {
                        daemon.deliverAlerts()
                    }
                }
            }
        }
    }
}
