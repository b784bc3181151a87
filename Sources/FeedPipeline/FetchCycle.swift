import Dispatch
import FeedConfig
import FeedFetching
import FeedRules
import FeedStore
import Foundation
import Logging
import Synchronization

/// One pass over a set of feeds: fetch them on the multi handle, parse and store each on a worker queue.
///
/// Parsing runs on one serial queue per processor while later transfers are still in flight; each feed's result is
/// stored whole as soon as it is parsed (feeds that queue up behind a commit share the next transaction, each still
/// stored whole or not at all: `FeedStore.apply(batch:)`). At most `window` feeds are between "requested" and
/// "stored" at any time, and their bodies stay within a byte budget (`FetchBudget`), so a thousand feeds never hold a
/// thousand bodies in memory at once and a higher concurrency does not hold more than the budget.
public final class FetchCycle: Sendable {
    private let store: FeedStore
    private let fetcher: MultiFetcher
    private let settings: FetchSettings
    private let rules: RuleSet
    private let logger: Logger
    private let workers: [DispatchQueue]
    private let window: Int
    /// The most body bytes held between "requested" and "stored" (`FetchBudget`).
    private let bodyBudget: Int
    private let abandoned = Mutex(false)
    /// Set once the transfers in flight were aborted: a full-text feed's pages failed for that, not by themselves.
    private let aborted = Mutex(false)
    private let writer: StoreWriter
    /// `$CREDENTIALS_DIRECTORY`, where a feed's `password_credential` is read.
    private let credentialsDirectory: String?
    /// Article pages for full-text feeds, on the same multi handle as the feeds.
    private let fullText: FullTextFetch

    /// - Parameter rules: the owner's rules, run on each new article after cleaning.
    /// - Parameter window: feeds in flight, being parsed or waiting to be stored; defaults to the fetch
    ///   concurrency plus two per worker.
    /// - Parameter bodyBudget: the most bytes of bodies held at once, arrived or expected (`FetchBudget`);
    ///   defaults to `defaultBodyBudget`.
    /// - Parameter credentialsDirectory: `$CREDENTIALS_DIRECTORY`, for the feeds' `password_credential`.
    public init(
        store: FeedStore, fetcher: MultiFetcher, settings: FetchSettings, rules: RuleSet = .empty, logger: Logger,
        window: Int? = nil, bodyBudget: Int? = nil, credentialsDirectory: String? = nil
    ) {
        self.credentialsDirectory = credentialsDirectory
        self.store = store
        self.fetcher = fetcher
        self.settings = settings
        self.rules = rules
        self.logger = logger
        let count = max(ProcessInfo.processInfo.activeProcessorCount, 1)
        workers = (0..<count).map { DispatchQueue(label: "feedd.pipeline.\($0)", qos: .utility) }
        self.window = max(window ?? settings.concurrency + workers.count * 2, 1)
        self.bodyBudget = max(bodyBudget ?? Self.defaultBodyBudget, 0)
        writer = StoreWriter(store: store)
        fullText = FullTextFetch(
            store: store, fetcher: fetcher, settings: settings, credentialsDirectory: credentialsDirectory)
    }

    /// The bytes of bodies a cycle holds at once by default: 2 MiB.
    ///
    /// A body's parsed entries and cleaned articles take about twice its size again until it is stored, so this
    /// is 6 to 8 MiB of a cycle's memory at any concurrency; on two cores it is some sixteen feeds of 120 kB
    /// between the transfers and the store, as many as the workers and the writer need to keep busy.
    public static let defaultBodyBudget = 2 << 20

    /// Fetches, parses and stores every feed of `feeds`; returns once the last one is stored.
    public func run(_ feeds: [StoredFeed]) async -> CycleSummary {
        guard !feeds.isEmpty else {
            return CycleSummary()
        }
        let start = DispatchTime.now()
        var summary = await withCheckedContinuation { continuation in
            let run = Run(
                feeds: feeds, budget: FetchBudget(window: window, bytes: bodyBudget), continuation: continuation)
            submitNext(run)
        }
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return summary
    }

    /// Stops starting feeds and keeps the failures that follow (transfers the caller aborts) out of the store;
    /// what was already fetched and parsed is still stored.
    public func abandon() {
        abandoned.withLock { $0 = true }
    }

    /// Aborts the transfers still in flight on this cycle's fetcher (after `abandon()`, so they are not stored as
    /// failures).
    public func abortTransfers() {
        aborted.withLock { $0 = true }
        abandon()
        fetcher.shutdown()
    }

    /// Starts the next feeds of the run, as many as are left and the budget admits.
    private func submitNext(_ run: Run) {
        while let (index, feed) = run.takeNext() {
            if abandoned.withLock({ $0 }) {
                run.arrived(0)
                run.release(0)
                run.finish(CycleSummary())
                continue
            }
            let worker = workers[index % workers.count]
            fetch(feed) { [self] result in
                let bytes = (try? result.get())?.body.count ?? 0
                run.arrived(bytes)
                worker.async { [self] in
                    // A body smaller than the guess leaves room for more transfers: the guess is now smaller.
                    submitNext(run)
                    process(feed, result: result, on: worker) { [self] outcome in
                        // The next transfers start only after this feed is stored and its body released.
                        run.release(bytes)
                        submitNext(run)
                        run.finish(outcome)
                    }
                }
            }
        }
    }

    /// Gets the feed's document: its request on the multi handle, with its options and secrets, or its command's
    /// output.
    private func fetch(_ feed: StoredFeed, completion: @escaping @Sendable (Result<FetchResponse, FetchError>) -> Void)
    {
        if feed.options.kind == .exec {
            // A command may take its whole timeout: it blocks a thread of its own, not a parsing worker.
            DispatchQueue.global(qos: .utility).async { [settings] in
                completion(CommandSource.run(feed, settings: settings))
            }
            return
        }
        let request: FetchRequest
        do {
            request = try FetchPolicy.request(
                for: feed, settings: settings, credentialsDirectory: credentialsDirectory)
        } catch {
            completion(.failure(error))
            return
        }
        fetcher.fetch(request, completion: completion)
    }

    /// Parses the result into an update on the calling worker, then hands it to the store writer; `done` gets the
    /// feed's share of the summary once it is stored.
    private func process(
        _ feed: StoredFeed, result: Result<FetchResponse, FetchError>, on worker: DispatchQueue,
        done: @escaping @Sendable (CycleSummary) -> Void
    ) {
        var outcome = CycleSummary()
        outcome.feeds = 1
        if case .failure = result, abandoned.withLock({ $0 }) {
            done(outcome)
            return
        }
        var memory: [UInt8]?
        if case .success(let response) = result, (200..<300).contains(response.status) {
            do {
                memory = try store.templateMemory(feedID: feed.id)
            } catch {
                // Cleaning goes on without the feed's history: this fetch's own items still show its template.
                logger.warning(
                    "cannot read the feed's template memory",
                    metadata: ["feed": "\(feed.id)", "url": "\(feed.url)", "error": "\(error)"])
            }
        }
        if case .success(let response) = result {
            outcome.bytes = response.body.count
        }
        let now = Date()
        let schedule = FetchPolicy.schedule(settings)
        let (templateMemory, counted) = (memory, outcome)
        switch FeedRefresh.parse(for: feed, result: result, attemptedAt: now, settings: schedule) {
        case .finished(let update):
            store(update, of: feed, outcome: counted, done: done)
        case .document(let response, let document) where FullTextFetch.applies(to: feed):
            // The pages are fetched on the multi handle; this worker goes on with other feeds meanwhile.
            fullText.enrich(document, of: feed, on: worker) { [self] enriched in
                if aborted.withLock({ $0 }) {
                    // Stopping cancelled the pages: storing now would keep teasers for good. The feed is not
                    // recorded as fetched, so the next start fetches it, and its new articles, again. (Pages that
                    // finish within a stop's grace period are stored as any feed is.)
                    done(counted)
                    return
                }
                var update = FeedRefresh.fetchedUpdate(
                    for: feed, response: response, document: enriched.document, attemptedAt: now,
                    settings: schedule, templateMemory: templateMemory, rules: rules)
                enriched.apply(to: &update)
                if enriched.deferred > 0 {
                    logger.info(
                        "full text left new articles for the next fetch",
                        metadata: ["feed": "\(feed.id)", "url": "\(feed.url)", "left": "\(enriched.deferred)"])
                }
                if let report = enriched.report, report.failed > 0 {
                    logger.warning(
                        "article pages not extracted",
                        metadata: [
                            "feed": "\(feed.id)", "url": "\(feed.url)", "failed": "\(report.failed)",
                            "extracted": "\(report.extracted)", "error": "\(report.lastError ?? "")",
                        ])
                }
                store(update, of: feed, outcome: counted, done: done)
            }
        case .document(let response, let document):
            let update = FeedRefresh.fetchedUpdate(
                for: feed, response: response, document: document, attemptedAt: now, settings: schedule,
                templateMemory: templateMemory, rules: rules)
            store(update, of: feed, outcome: counted, done: done)
        }
    }

    /// Hands a feed's update to the store writer and accounts for it; `done` gets the feed's share of the summary.
    private func store(
        _ update: FeedUpdate, of feed: StoredFeed, outcome: CycleSummary,
        done: @escaping @Sendable (CycleSummary) -> Void
    ) {
        var outcome = outcome
        // Every line about this feed names it by id and URL, and says what its fetch came to.
        let described = Self.metadata(update.outcome).merging(["feed": "\(feed.id)", "url": "\(feed.url)"]) { $1 }
        switch update.outcome {
        case .fetched: outcome.fetched = 1
        case .notModified: outcome.notModified = 1
        case .gone: outcome.gone = 1
        case .failed:
            outcome.failed = 1
            logger.warning("feed not refreshed", metadata: described)
        }
        let parsed = outcome
        writer.submit(update) { [logger] stored in
            var outcome = parsed
            switch stored {
            case .success(let summary):
                outcome.inserted = summary.inserted
                outcome.updated = summary.updated
                outcome.dropped = summary.dropped
                if !summary.ruleHits.isEmpty {
                    // Which rules touched this feed's new articles: "sponsored=3 outages=1".
                    let hits = summary.ruleHits.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                    logger.info(
                        "rules touched new articles",
                        metadata: [
                            "feed": "\(feed.id)", "url": "\(feed.url)", "rules": "\(hits.joined(separator: " "))",
                            "dropped": "\(summary.dropped)",
                        ])
                }
                if let target = summary.movedTo {
                    outcome.moved = 1
                    logger.notice(
                        "feed moved permanently",
                        metadata: ["feed": "\(feed.id)", "url": "\(feed.url)", "to": "\(target)"])
                }
                logger.debug(
                    "feed stored",
                    metadata: described.merging([
                        "inserted": "\(summary.inserted)", "updated": "\(summary.updated)",
                    ]) { $1 })
            case .failure(let error):
                outcome.storeErrors = ["\(feed.url): \(error)"]
                logger.error(
                    "cannot store feed", metadata: ["feed": "\(feed.id)", "url": "\(feed.url)", "error": "\(error)"])
            }
            done(outcome)
        }
    }

    /// What a fetch came to, as log metadata: the outcome in a word or two, with its status and entries.
    private static func metadata(_ outcome: FeedUpdate.Outcome) -> Logger.Metadata {
        switch outcome {
        case .fetched(let status, _, _, _, _, let articles):
            return ["outcome": "fetched", "status": "\(status)", "entries": "\(articles.count)"]
        case .notModified: return ["outcome": "not modified", "status": "304"]
        case .gone(let status): return ["outcome": "gone", "status": "\(status)"]
        case .failed(let status, let message):
            var metadata: Logger.Metadata = ["outcome": "failed", "error": "\(message)"]
            if let status {
                metadata["status"] = "\(status)"
            }
            return metadata
        }
    }

    /// The shared progress of one `run`: which feed is next, and the sums so far.
    private final class Run: Sendable {
        private struct State {
            var next = 0
            var finished = 0
            var budget: FetchBudget
            var summary = CycleSummary()
            var continuation: CheckedContinuation<CycleSummary, Never>?
        }

        let feeds: [StoredFeed]
        private let state: Mutex<State>

        init(feeds: [StoredFeed], budget: FetchBudget, continuation: CheckedContinuation<CycleSummary, Never>) {
            self.feeds = feeds
            state = Mutex(State(budget: budget, continuation: continuation))
        }

        /// The next feed, when one is left and the budget admits it.
        func takeNext() -> (Int, StoredFeed)? {
            state.withLock { state in
                guard state.next < feeds.count, state.budget.admit() else { return nil }
                defer { state.next += 1 }
                return (state.next, feeds[state.next])
            }
        }

        /// An admitted feed's body arrived (`bytes` 0 when there is none).
        func arrived(_ bytes: Int) {
            state.withLock { $0.budget.arrived(bytes) }
        }

        /// An admitted feed is stored and its body released.
        func release(_ bytes: Int) {
            state.withLock { $0.budget.release(bytes) }
        }

        func finish(_ outcome: CycleSummary) {
            let done = state.withLock { state -> (CycleSummary, CheckedContinuation<CycleSummary, Never>)? in
                state.summary.feeds += outcome.feeds
                state.summary.fetched += outcome.fetched
                state.summary.notModified += outcome.notModified
                state.summary.failed += outcome.failed
                state.summary.gone += outcome.gone
                state.summary.inserted += outcome.inserted
                state.summary.updated += outcome.updated
                state.summary.dropped += outcome.dropped
                state.summary.bytes += outcome.bytes
                state.summary.moved += outcome.moved
                state.summary.storeErrors += outcome.storeErrors
                state.finished += 1
                guard state.finished == feeds.count, let continuation = state.continuation else { return nil }
                state.continuation = nil
                return (state.summary, continuation)
            }
            if let (summary, continuation) = done {
                continuation.resume(returning: summary)
            }
        }
    }
}
