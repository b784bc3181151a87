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
    var fetcher: MultiFetcher
    let logger: Logger
    let queue = DispatchQueue(label: "feedd.control")
    /// The running service's state (`runService`); nil for `--once`.
    var service: ServiceState?

    /// The level a reload sets from `[log] level`; nil when the command line fixed the level.
    let logLevel: LogLevelSetting?

    /// Opens (and migrates) the store the configuration names and syncs the configuration's feeds into it.
    ///
    /// - Parameter logLevel: the handlers' shared level, which a reload then sets from the new `[log] level`.
    public init(configuration: FeedConfiguration, logger: Logger, logLevel: LogLevelSetting? = nil)
        throws(StoreError)
    {
        self.configuration = configuration
        self.logger = logger
        self.logLevel = logLevel
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
        let feeds = configuration.feeds.map {
            NewFeed(url: $0.url.absoluteString, title: $0.title, interval: $0.interval, tags: $0.tags, source: .config)
        }
        let summary = try store.syncConfigFeeds(feeds)
        for url in summary.added {
            logger.info("subscribed to \(url) (from the configuration)")
        }
        for url in summary.removed {
            logger.info("unsubscribed from \(url) (no longer in the configuration)")
        }
    }

    /// One fetch cycle over every feed that is due now.
    public func runCycle(now: Date = Date()) async throws(StoreError) -> CycleSummary {
        let due = try store.dueFeeds(now: now)
        let cycle = FetchCycle(store: store, fetcher: fetcher, settings: configuration.fetch, logger: logger)
        let summary = await cycle.run(due)
        try store.recordCycle(at: now, seconds: summary.seconds)
        logCycle(summary)
        return summary
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
