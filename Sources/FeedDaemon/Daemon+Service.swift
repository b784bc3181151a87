import Digest
import Dispatch
import FeedConfig
import FeedFetching
import FeedPipeline
import FeedStore
import Foundation
import Glibc
import Logging

extension Daemon {
    /// How often the daemon asks the store for due feeds.
    static let tickInterval: DispatchTimeInterval = .seconds(15)
    /// How long a stop waits for transfers in flight before aborting them.
    static let stopDeadlineSeconds = 10
    static var stopDeadline: DispatchTimeInterval { .seconds(stopDeadlineSeconds) }

    /// Runs until SIGTERM or SIGINT, then returns (the caller exits 0).
    ///
    /// - Parameter reload: reads the configuration again (SIGHUP); a failure is logged and the old one kept.
    public func runService(
        notifier: SystemdNotifier,
        reload: @escaping @Sendable () throws(ConfigError) -> FeedConfiguration
    ) async throws(StoreError) {
        // A digest scheduled after an earlier feedd started on this store (and missed, say while the machine was
        // off) is owed; one scheduled before any feedd ran here is not. The store keeps only the previous start.
        let started = Date()
        let previousStart: Date?
        do {
            previousStart = try store.daemonRecord()?.startedAt
        } catch {
            logger.warning("cannot read the previous start of feedd, so a missed digest may not be written: \(error)")
            previousStart = nil
        }
        let firstStart = previousStart ?? started
        try store.recordDaemonStart(pid: getpid(), now: started)
        // A feedd killed while writing a digest left its temporary file; nothing else would ever remove it.
        let stale = DigestFiles.removeStaleTemporaryFiles(in: configuration.digest.directory)
        if !stale.isEmpty {
            logger.notice("removed temporary digest files left by a stopped writer: \(stale.joined(separator: ", "))")
        }
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            queue.async { [self] in
                service = ServiceState(
                    notifier: notifier, reload: reload, finished: finished, firstStart: min(firstStart, started))
                installSignalSources()
                installTimers()
                awaitSignalSources()
            }
        }
        try? store.recordDaemonStop()
    }

    private func installSignalSources() {
        dispatchPrecondition(condition: .onQueue(queue))
        // Not SIG_IGN for the signals with sources: one ignored before libdispatch installs its handler is lost
        // (a `systemctl stop` in the first tens of milliseconds then waited for SIGKILL). `StartupSignals`
        // remembers those until the sources are armed; SIGPIPE has no source and stays ignored.
        signal(SIGPIPE, SIG_IGN)
        var sources: [DispatchSourceSignal] = []
        // SIGUSR1 last: `awaitSignalSources` relies on its source being armed after the others.
        for (signalNumber, handler) in [
            (SIGTERM, { [self] in stop(now: false) }), (SIGINT, { [self] in stop(now: true) }),
            (SIGHUP, reloadConfiguration), (SIGUSR1, wake),
        ] as [(Int32, () -> Void)] {
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler(handler: handler)
            source.resume()
            sources.append(source)
        }
        service?.signalSources = sources
    }

    /// Reports READY=1 once the signal sources are known to be armed, then acts on the signals that came before.
    ///
    /// libdispatch arms a signal source asynchronously after `resume()`, installing its own handler for the signal
    /// (see `StartupSignals`). Once no signal is left with the recording handler, the daemon signals itself
    /// SIGUSR1 until that source's handler runs; that handler reports ready, takes the signals recorded meanwhile
    /// (none can be recorded any more) and runs the first tick.
    ///
    /// - Parameter attempt: how many times it looked; after a second it signals anyway, so that a libdispatch that
    ///   delivers signals some other way cannot keep the service from ever being ready.
    private func awaitSignalSources(attempt: Int = 0) {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let state = service, !state.ready, !state.stopping else { return }
        if !StartupSignals.recording || attempt >= 50 {
            kill(getpid(), SIGUSR1)
        }
        queue.asyncAfter(deadline: .now() + .milliseconds(20)) { [self] in awaitSignalSources(attempt: attempt + 1) }
    }

    /// Acts on the signals that arrived before the sources were armed, as their sources would have.
    private func takeStartupSignals() {
        dispatchPrecondition(condition: .onQueue(queue))
        for signalNumber in StartupSignals.take() {
            switch signalNumber {
            case SIGTERM:
                logger.info("SIGTERM came during start-up")
                stop(now: false)
            case SIGINT:
                logger.info("SIGINT came during start-up")
                stop(now: true)
            case SIGHUP:
                reloadConfiguration()
            default:
                // SIGUSR1 asks for a tick, which the first one is.
                break
            }
        }
    }

    private func reportReady() {
        guard var state = service, !state.ready else { return }
        state.ready = true
        service = state
        state.notifier.notify("READY=1\nSTATUS=\(statusLine())")
        logger.info("feedd started: store \(store.path), \(configuration.feeds.count) feeds from the configuration")
    }

    private func installTimers() {
        let ticker = DispatchSource.makeTimerSource(queue: queue)
        ticker.schedule(deadline: .now() + Self.tickInterval, repeating: Self.tickInterval, leeway: .seconds(1))
        ticker.setEventHandler { [self] in tick() }
        ticker.resume()
        service?.timers.append(ticker)
        armDigestTimer()
        if let interval = service?.notifier.watchdogInterval {
            let micros =
                Int(interval.components.seconds) * 1_000_000 + Int(interval.components.attoseconds / 1_000_000_000_000)
            let period = DispatchTimeInterval.microseconds(max(micros, 1000))
            let watchdog = DispatchSource.makeTimerSource(queue: queue)
            watchdog.schedule(deadline: .now() + period, repeating: period)
            watchdog.setEventHandler { [self] in petWatchdog() }
            watchdog.resume()
            service?.timers.append(watchdog)
        }
    }

    /// SIGUSR1: the first one reports readiness; every one runs a tick.
    private func wake() {
        dispatchPrecondition(condition: .onQueue(queue))
        if service?.ready == false {
            reportReady()
            takeStartupSignals()
        }
        tick()
    }

    /// Asks the store for due feeds and fetches them; a tick during a cycle runs once that cycle ends.
    func tick() {
        guard var state = service, !state.stopping else { return }
        // Also during a long cycle: a digest due after sleep or a clock change must not wait for it to end.
        checkDigest()
        guard state.cycle == nil else {
            state.tickPending = true
            service = state
            return
        }
        let cycle = makeCycle()
        state.cycle = cycle
        state.tickPending = false
        service = state
        let retention = retentionIsDue(now: Date()) ? configuration.store : nil
        Task { [self] in
            let started = Date()
            do {
                if let retention {
                    let dropped = try store.applyRetention(
                        keepDays: retention.keepDays, keepPerFeed: retention.keepPerFeed)
                    logger.info(
                        "retention: \(dropped.expired) articles expired, \(dropped.overflow) over the per-feed limit")
                }
                _ = try await runCycle(cycle, now: started)
            } catch {
                logger.error("cycle failed: \(error)")
            }
            queue.async { [self] in cycleEnded() }
        }
    }

    private func cycleEnded() {
        guard var state = service else { return }
        state.cycle = nil
        state.lastCycleEnd = Date()
        state.cycleCompleted = true
        service = state
        state.notifier.notify("STATUS=\(statusLine())")
        if state.stopping {
            finish()
        } else if state.tickPending {
            tick()
        } else if !state.firstDigestSettled {
            // A store that never had a digest gets its first one once a cycle has fetched its feeds, not at the
            // next tick (`DigestJob.writeFirst` waits until every feed has been tried).
            checkDigest()
        }
    }

    private func retentionIsDue(now: Date) -> Bool {
        guard let state = service else { return false }
        if let last = state.lastRetention, now.timeIntervalSince(last) < 86_400 {
            return false
        }
        service?.lastRetention = now
        return true
    }

    /// "412 feeds, 3 failing, 1 gone, last cycle 18 s ago".
    func statusLine() -> String {
        guard let counts = try? store.counts() else { return "store unreadable" }
        var parts = ["\(counts.feeds) feeds"]
        if counts.failing > 0 { parts.append("\(counts.failing) failing") }
        if counts.gone > 0 { parts.append("\(counts.gone) gone") }
        if service?.cycle != nil {
            parts.append("fetching")
        } else if let end = service?.lastCycleEnd {
            parts.append("last cycle \(Int(Date().timeIntervalSince(end))) s ago")
        }
        return parts.joined(separator: ", ")
    }

    /// WATCHDOG=1 only while the fetch machinery answers: a hung multi handle stops the pings and systemd restarts.
    private func petWatchdog() {
        guard let notifier = service?.notifier else { return }
        fetcher.ping {
            notifier.notify("WATCHDOG=1")
        }
    }

    private func reloadConfiguration() {
        guard let state = service, !state.stopping else { return }
        var monotonic = timespec()
        clock_gettime(CLOCK_MONOTONIC, &monotonic)
        let micros = Int64(monotonic.tv_sec) * 1_000_000 + Int64(monotonic.tv_nsec) / 1000
        state.notifier.notify("RELOADING=1\nMONOTONIC_USEC=\(micros)")
        do {
            let updated = try state.reload()
            if updated.store.path != configuration.store.path {
                logger.warning("reload: [store] path changed; it takes effect at the next start")
            }
            if updated.fetch.concurrency != configuration.fetch.concurrency
                || updated.fetch.perHost != configuration.fetch.perHost
            {
                // A running cycle keeps the old fetcher; it goes away when that cycle ends.
                fetcher = Self.makeFetcher(updated.fetch, logger: logger)
            }
            configuration.fetch = updated.fetch
            if updated.digest != configuration.digest {
                configuration.digest = updated.digest
                armDigestTimer()
            }
            configuration.feeds = updated.feeds
            configuration.log = updated.log
            if let logLevel, let level = Logger.Level(rawValue: updated.log.level.rawValue) {
                logLevel.value = level
            }
            configuration.store.keepDays = updated.store.keepDays
            configuration.store.keepPerFeed = updated.store.keepPerFeed
            try syncConfigFeeds()
            logger.info("configuration reloaded from \(updated.sourcePath ?? "defaults")")
        } catch {
            logger.error("reload failed, keeping the running configuration: \(error)")
        }
        state.notifier.notify("READY=1\nSTATUS=\(statusLine())")
        tick()
    }

    /// SIGTERM and SIGINT: transfers in flight get `stopDeadline` to finish; a second SIGINT (Ctrl-C again)
    /// aborts them at once. Either way what was parsed is stored whole.
    ///
    /// - Parameter now: true for SIGINT, whose repetition means "do not wait".
    private func stop(now: Bool) {
        guard var state = service else { return }
        guard !state.stopping else {
            if now, let running = state.cycle {
                logger.notice("stopping now: aborting the transfers still in flight")
                running.abortTransfers()
            }
            return
        }
        state.stopping = true
        service = state
        state.notifier.notify("STOPPING=1\nSTATUS=stopping")
        for timer in state.timers { timer.cancel() }
        state.digestTimer?.cancel()
        guard let cycle = state.cycle else {
            logger.info("stopping")
            finish()
            return
        }
        let hint = now ? " (Ctrl-C again stops at once)" : ""
        logger.info("stopping: transfers in flight get up to \(Self.stopDeadlineSeconds) s to finish\(hint)")
        // Transfers in flight may finish and be stored; after the deadline they are aborted.
        cycle.abandon()
        queue.asyncAfter(deadline: .now() + Self.stopDeadline) { [self] in
            guard let running = service?.cycle else { return }
            logger.notice("stop deadline passed: aborting the transfers still in flight")
            running.abortTransfers()
        }
    }

    private func finish() {
        guard let state = service, let finished = state.finished else { return }
        service?.finished = nil
        for source in state.signalSources { source.cancel() }
        fetcher.shutdown()
        logger.info("stopped")
        finished.resume()
    }
}

/// What the running service keeps between events; touched only on the daemon's queue.
struct ServiceState {
    let notifier: SystemdNotifier
    let reload: @Sendable () throws(ConfigError) -> FeedConfiguration
    var finished: CheckedContinuation<Void, Never>?
    var signalSources: [DispatchSourceSignal] = []
    var timers: [DispatchSourceTimer] = []
    var cycle: FetchCycle?
    var tickPending = false
    var stopping = false
    var lastCycleEnd: Date?
    var lastRetention: Date?
    var ready = false
    /// When the previous feedd started on this store (else this one): digests scheduled since are owed.
    let firstStart: Date
    /// The wall-clock timer of the next scheduled digest (re-armed when it fires or the schedule changes).
    var digestTimer: DispatchSourceTimer?
    /// True while a digest is written or mailed off the control queue.
    var digestRunning = false
    /// A digest check came while one ran; it runs when that one ends.
    var digestCheckPending = false
    /// True once a fetch cycle of this service has ended: from then on a store without a digest gets its first.
    var cycleCompleted = false
    /// True once the store is known to have a digest, so the first one is no longer looked for.
    var firstDigestSettled = false
    /// When mailing last failed; the next try waits `Daemon.mailRetryInterval`.
    var lastMailFailure: Date?

    init(
        notifier: SystemdNotifier,
        reload: @escaping @Sendable () throws(ConfigError) -> FeedConfiguration,
        finished: CheckedContinuation<Void, Never>,
        firstStart: Date
    ) {
        self.notifier = notifier
        self.reload = reload
        self.finished = finished
        self.firstStart = firstStart
    }
}
