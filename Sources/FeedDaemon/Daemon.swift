import FeedConfig
import FeedFetching
import FeedPipeline
import FeedStore
import Foundation
import Logging

/// feedd itself: the store, the fetcher and the configuration they run under.
///
/// `runOnce()` is `feedd --once`; the long-running service adds timers and signals around the same cycle.
public final class Daemon: @unchecked Sendable {
    // Mutable state is touched only on `queue` (the daemon's control queue) or before the daemon starts.
    var configuration: FeedConfiguration
    let store: FeedStore
    /// Held for the daemon's life: no second feedd runs on the same store.
    let lock: DaemonLock
    var fetcher: MultiFetcher
    let logger: Logger
    let queue = DispatchQueue(label: "feedd.control")
    /// The running service's state (`runService`); nil for `--once`.
    var service: ServiceState?

    /// The level a reload sets from `[log] level`; nil when the command line fixed the level.
    let logLevel: LogLevelSetting?

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
        // A store feedd refuses (another program's database, a newer schema, no permission) gets no lock file.
        try FeedStore.check(path: configuration.store.path, role: .daemon)
        lock = try DaemonLock(storePath: configuration.store.path)
        store = try FeedStore(path: configuration.store.path, role: .daemon)
        fetcher = Self.makeFetcher(configuration.fetch, logger: logger)
        try syncConfigFeeds()
    }

    static func makeFetcher(_ settings: FetchSettings, logger: Logger) -> MultiFetcher {
        MultiFetcher(
            configuration: MultiFetcher.Configuration(concurrency: settings.concurrency, perHost: settings.perHost),
            logger: logger
        )
    }

    func syncConfigFeeds() throws(StoreError) {
        let summary = try store.syncConfigFeeds(configuration.subscriptions)
        for url in summary.added {
            logger.info("subscribed to \(url) (from the configuration)")
        }
        for url in summary.removed {
            logger.info("unsubscribed from \(url) (no longer in the configuration)")
        }
    }

    /// One fetch cycle over every feed that is due now.
    ///
    /// - Parameter cycle: the cycle to run it on (the service keeps it to abort it on stop); a new one when nil.
    func runCycle(_ cycle: FetchCycle? = nil, now: Date = Date()) async throws(StoreError) -> CycleSummary {
        let due = try store.dueFeeds(now: now)
        let summary = await (cycle ?? makeCycle()).run(due)
        if summary.feeds > 0 {
            try store.recordCycle(at: now, seconds: summary.seconds)
        }
        logCycle(summary)
        return summary
    }

    func makeCycle() -> FetchCycle {
        FetchCycle(store: store, fetcher: fetcher, settings: configuration.fetch, logger: logger)
    }

    /// One info line per cycle that fetched anything, and every store failure at error level.
    func logCycle(_ summary: CycleSummary) {
        guard summary.feeds > 0 else {
            logger.debug("cycle: no feed is due")
            return
        }
        logger.info(
            """
            cycle: \(summary.feeds) feeds in \(String(format: "%.1f", summary.seconds)) s: \
            \(summary.fetched) fetched, \(summary.notModified) not modified, \(summary.failed) failed, \
            \(summary.gone) gone; \(summary.inserted) new articles, \(summary.updated) updated
            """)
        for problem in summary.storeErrors {
            logger.error("\(problem)")
        }
    }

    /// `feedd --once`: runs one cycle of the due feeds and returns.
    ///
    /// It does not record itself as the daemon: a service running beside it stays the one `feedctl` wakes.
    public func runOnce() async throws(StoreError) -> CycleSummary {
        let summary = try await runCycle()
        fetcher.shutdown()
        return summary
    }
}
