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
        try await runService(notifier: notifier, reload: reload, signalsAndTimers: true)
    }

    /// The service, with or without its signal sources and timers.
    ///
    /// - Parameter signalsAndTimers: false for tests in this process, which must not take its signals: they call
    ///   `tick()`, `reloadConfiguration()` and `stop(now:)` themselves, and the service is ready at once.
    func runService(
        notifier: SystemdNotifier,
        reload: @escaping @Sendable () throws(ConfigError) -> FeedConfiguration,
        signalsAndTimers: Bool
    ) async throws(StoreError) {
        // A digest scheduled after an earlier feedd started on this store (and missed, say while the machine was
        // off) is owed; one scheduled before any feedd ran here is not. The store keeps only the previous start.
        let started = Date()
        let store = store
        let previousStart: Date?
        do {
            previousStart = try await onStoreQueue { () throws(StoreError) in try store.daemonRecord()?.startedAt }
        } catch {
            logger.warning(
                "cannot read the previous start of feedd, so a missed digest may not be written",
                metadata: ["error": "\(error)"])
            previousStart = nil
        }
        let firstStart = previousStart ?? started
        let pid = getpid()
        try await onStoreQueue { () throws(StoreError) in try store.recordDaemonStart(pid: pid, now: started) }
        // A feedd killed while writing a digest left its temporary file; nothing else would ever remove it.
        let stale = Set(configuration.digests.map(\.directory)).flatMap(DigestFiles.removeStaleTemporaryFiles(in:))
        if !stale.isEmpty {
            logger.notice(
                "removed temporary digest files left by a stopped writer",
                metadata: ["files": "\(stale.joined(separator: ", "))"])
        }
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            // Isolated like its caller (`withCheckedContinuation` does not hop), so this runs on the control queue.
            startService(
                ServiceState(
                    notifier: notifier, reload: reload, finished: finished, firstStart: min(firstStart, started)),
                signalsAndTimers: signalsAndTimers)
        }
        await stopAPI()
        _ = try? await onStoreQueue { () throws(StoreError) in try store.recordDaemonStop() }
    }

    private func startService(_ state: ServiceState, signalsAndTimers: Bool) {
        service = state
        guard signalsAndTimers else {
            reportReady()
            tick()
            return
        }
        installSignalSources()
        installTimers()
        awaitSignalSources()
    }

    private func installSignalSources() {
        // Not SIG_IGN for the signals with sources: one ignored before libdispatch installs its handler is lost
        // (a `systemctl stop` in the first tens of milliseconds then waited for SIGKILL). `StartupSignals`
        // remembers those until the sources are armed; SIGPIPE has no source and stays ignored.
        signal(SIGPIPE, SIG_IGN)
        var sources: [DispatchSourceSignal] = []
        // SIGUSR1 last: `awaitSignalSources` relies on its source being armed after the others.
        for signalNumber in [SIGTERM, SIGINT, SIGHUP, SIGUSR1] {
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            // The source fires on the control queue, the actor's executor: `assumeIsolated` checks that.
            source.setEventHandler { @Sendable [self] in assumeIsolated { $0.handleSignal(signalNumber) } }
            source.resume()
            sources.append(source)
        }
        service?.signalSources = sources
    }

    private func handleSignal(_ signalNumber: Int32) {
        switch signalNumber {
        case SIGTERM: stop(now: false)
        case SIGINT: stop(now: true)
        case SIGHUP: Task { await reloadConfiguration() }
        default: wake()
        }
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
        guard let state = service, !state.ready, !state.stopping else { return }
        if !StartupSignals.recording || attempt >= 50 {
            kill(getpid(), SIGUSR1)
        }
        queue.asyncAfter(deadline: .now() + .milliseconds(20)) { @Sendable [self] in
            assumeIsolated { $0.awaitSignalSources(attempt: attempt + 1) }
        }
    }

    /// Acts on the signals that arrived before the sources were armed, as their sources would have.
    /// - Returns: true when a reload was started, which ends with the first tick.
    private func takeStartupSignals() -> Bool {
        var reloads = false
        for signalNumber in StartupSignals.take() {
            switch signalNumber {
            case SIGTERM:
                logger.info("SIGTERM came during start-up")
                stop(now: false)
            case SIGINT:
                logger.info("SIGINT came during start-up")
                stop(now: true)
            case SIGHUP:
                reloads = true
            default:
                // SIGUSR1 asks for a tick, which the first one is.
                break
            }
        }
        if reloads && service?.stopping == false {
            Task { await reloadConfiguration() }
            return true
        }
        return false
    }

    private func reportReady() {
        guard var state = service, !state.ready else { return }
        state.ready = true
        service = state
        state.notifier.notify("READY=1")
        Task { await notifyStatus() }
        logger.info(
            "feedd started", metadata: ["store": "\(store.path)", "configured_feeds": "\(configuration.feeds.count)"])
    }

    private func installTimers() {
        let ticker = DispatchSource.makeTimerSource(queue: queue)
        ticker.schedule(deadline: .now() + Self.tickInterval, repeating: Self.tickInterval, leeway: .seconds(1))
        ticker.setEventHandler { @Sendable [self] in assumeIsolated { $0.tick() } }
        ticker.resume()
        service?.timers.append(ticker)
        armDigestTimer()
        if let interval = service?.notifier.watchdogInterval {
            let micros =
                Int(interval.components.seconds) * 1_000_000 + Int(interval.components.attoseconds / 1_000_000_000_000)
            let period = DispatchTimeInterval.microseconds(max(micros, 1000))
            let watchdog = DispatchSource.makeTimerSource(queue: queue)
            watchdog.schedule(deadline: .now() + period, repeating: period)
            watchdog.setEventHandler { @Sendable [self] in assumeIsolated { $0.petWatchdog() } }
            watchdog.resume()
            service?.timers.append(watchdog)
        }
    }

    /// SIGUSR1: the first one reports readiness; every one runs a tick.
    private func wake() {
        if service?.ready == false {
            reportReady()
            // A SIGHUP during start-up reloads first; the reload's own tick is the first one.
            if takeStartupSignals() { return }
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
        // Between cycles only, so that one cycle's alerts reach a sink as one notification; this retries a sink
        // whose delay has passed.
        deliverAlerts()
        let cycle = makeCycle()
        state.cycle = cycle
        state.tickPending = false
        service = state
        let retention = retentionIsDue(now: Date()) ? configuration.store : nil
        // Isolated to the daemon like this method; it awaits the store queue and the cycle, and between those
        // awaits the control queue stays free for signals and timers.
        Task { [self] in
            await runTick(cycle, retention: retention)
        }
    }

    /// The work of one tick: retention when due, then the cycle; then `cycleEnded` on the control queue.
    private func runTick(_ cycle: FetchCycle, retention: StoreSettings?) async {
        let started = Date()
        do {
            if let retention {
                let store = store
                let dropped = try await onStoreQueue { () throws(StoreError) in
                    try store.applyRetention(keepDays: retention.keepDays, keepPerFeed: retention.keepPerFeed)
                }
                logger.info(
                    "retention applied",
                    metadata: ["expired": "\(dropped.expired)", "over_limit": "\(dropped.overflow)"])
            }
            _ = try await runCycle(cycle, now: started)
        } catch {
            logger.error("cycle failed", metadata: ["error": "\(error)"])
        }
        if api != nil {
            // Reader apps' steady reads keep SQLite from starting its log over during a cycle; between cycles
            // their reads are short, so the log can be emptied.
            let store = store
            do {
                try await onStoreQueue { () throws(StoreError) in try store.truncateWriteAheadLog() }
            } catch {
                logger.notice("write-ahead log not emptied after the cycle", metadata: ["error": "\(error)"])
            }
        }
        cycleEnded()
    }

    private func cycleEnded() {
        guard var state = service else { return }
        state.cycle = nil
        state.lastCycleEnd = Date()
        state.cycleCompleted = true
        service = state
        Task { await notifyStatus() }
        deliverAlerts()
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

    /// True while a fetch cycle of the service runs.
    var cycleRunning: Bool {
        service?.cycle != nil
    }

    /// Tells systemd the store's counts (`statusLine`), read on the store queue; nothing once stopping, whose
    /// status says so.
    func notifyStatus() async {
        let store = store
        let counts = try? await onStoreQueue { () throws(StoreError) in try store.counts() }
        guard let state = service, !state.stopping else { return }
        state.notifier.notify("STATUS=\(statusLine(counts))")
    }

    /// "412 feeds, 3 failing, 1 gone, last cycle 18 s ago".
    func statusLine(_ counts: StoreCounts?) -> String {
        guard let counts else { return "store unreadable" }
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

    /// SIGHUP: reads the configuration again and runs under it as one value; the store learns its feeds on the
    /// store queue, and a tick follows. One reload at a time: a SIGHUP during one makes it run again when it ends,
    /// so systemd sees RELOADING=1 and READY=1 in pairs and the store ends with the last file's feeds.
    func reloadConfiguration() async {
        guard let state = service, !state.stopping else { return }
        guard !state.reloading else {
            service?.reloadPending = true
            return
        }
        service?.reloading = true
        var monotonic = timespec()
        clock_gettime(CLOCK_MONOTONIC, &monotonic)
        let micros = Int64(monotonic.tv_sec) * 1_000_000 + Int64(monotonic.tv_nsec) / 1000
        state.notifier.notify("RELOADING=1\nMONOTONIC_USEC=\(micros)")
        var applied = false
        do throws(ConfigError) {
            let change = ConfigurationReload(running: configuration, loaded: try state.reload())
            for refusal in change.refused {
                logger.warning(
                    "reload: a changed setting takes effect at the next start",
                    metadata: [
                        "setting": "\(refusal.key)", "running": "\(refusal.running)",
                        "requested": "\(refusal.requested)",
                    ])
            }
            apply(change.configuration)
            applied = true
        } catch {
            logger.error("reload failed, keeping the running configuration", metadata: ["error": "\(error)"])
        }
        if applied {
            let (store, subscriptions, logger) = (store, configuration.subscriptions, logger)
            let sinks = configuration.sinks.map(\.name)
            let file = configuration.sourcePath ?? "none, defaults"
            do {
                // The store's busy handler may wait out another writer: on the store queue, not the control queue.
                try await onStoreQueue { () throws(StoreError) in
                    try Self.syncConfigFeeds(subscriptions, into: store, logger: logger)
                    _ = try store.sinkDeliveries(ensuring: sinks)
                }
                logger.info("configuration reloaded", metadata: ["file": "\(file)"])
            } catch {
                logger.error(
                    "configuration reloaded, but the store kept its feeds until the next reload",
                    metadata: ["file": "\(file)", "error": "\(error)"])
            }
        }
        service?.reloading = false
        // A stop during the store's work has said STOPPING=1; READY=1 now would take it back.
        guard let current = service, !current.stopping else { return }
        state.notifier.notify("READY=1")
        if current.reloadPending {
            service?.reloadPending = false
            await reloadConfiguration()
            return
        }
        await notifyStatus()
        tick()
    }

    /// Runs under `updated` from now on, replacing the configuration whole, and restarts what depends on it.
    func apply(_ updated: FeedConfiguration) {
        let previous = configuration
        configuration = updated
        if updated.fetch.concurrency != previous.fetch.concurrency || updated.fetch.perHost != previous.fetch.perHost {
            // A running cycle keeps the old fetcher; it goes away when that cycle ends.
            fetcher = Self.makeFetcher(updated.fetch, logger: logger)
        }
        if updated.digests != previous.digests {
            armDigestTimer()
        }
        // The listener's address stays (ConfigurationReload); its handlers see the new editions and feeds.
        api?.environment.update(configuration: updated)
        if let logLevel, let level = Logger.Level(rawValue: updated.log.level.rawValue) {
            logLevel.value = level
        }
    }

    /// SIGTERM and SIGINT: transfers in flight get `stopDeadline` to finish; a second SIGINT (Ctrl-C again)
    /// aborts them at once. Either way what was parsed is stored whole.
    ///
    /// - Parameter now: true for SIGINT, whose repetition means "do not wait".
    func stop(now: Bool) {
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
        queue.asyncAfter(deadline: .now() + Self.stopDeadline) { @Sendable [self] in
            assumeIsolated { daemon in
                guard let running = daemon.service?.cycle else { return }
                daemon.logger.notice("stop deadline passed: aborting the transfers still in flight")
                running.abortTransfers()
            }
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
