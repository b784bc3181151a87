import Digest
import Dispatch
import FeedStore
import Foundation

extension Daemon {
    /// How long after a failed mail the daemon tries again.
    static let mailRetryInterval: TimeInterval = 60

    /// Arms a wall-clock timer for the next scheduled digest; after sleep or a clock change, the tick's
    /// `checkDigest` still finds a digest that is due.
    func armDigestTimer(now: Date = Date()) {
        guard service != nil else { return }
        service?.digestTimer?.cancel()
        guard let next = digestJobs.map({ $0.schedule.next(after: now) }).min() else { return }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        // A wall-clock deadline counts time the machine slept, which a monotonic one would not.
        timer.schedule(wallDeadline: .now() + max(next.timeIntervalSinceNow, 0), leeway: .seconds(1))
        timer.setEventHandler { @Sendable [self] in
            // The deadline may come a hair before `next` by the wall clock; the digest of `next` is due all the same.
            let now = max(Date(), next)
            assumeIsolated { daemon in
                daemon.checkDigest(now: now)
                daemon.armDigestTimer(now: now)
            }
        }
        timer.resume()
        service?.digestTimer = timer
    }

    /// The digest jobs of the current configuration, one per edition.
    var digestJobs: [DigestJob] {
        configuration.digests.map { DigestJob(store: store, settings: $0) }
    }

    /// Writes each edition's digest that is due and mails what is waiting; the work runs off the control queue,
    /// one check at a time (a check asked for meanwhile runs when it ends).
    ///
    /// Once a fetch cycle has completed, an edition that never had a digest gets its first one at once: a new
    /// reader sees what the feeds published in the edition's period rather than waiting for its time. Each written
    /// digest raises a `digest` alert for the sinks that take it.
    func checkDigest(now: Date = Date()) {
        guard var state = service, !state.stopping else { return }
        guard !state.digestRunning else {
            service?.digestCheckPending = true
            return
        }
        let jobs = digestJobs
        let firstStart = state.firstStart
        let firstOwed = state.cycleCompleted && !state.firstDigestSettled
        let mailDue = state.lastMailFailure.map { now.timeIntervalSince($0) >= Self.mailRetryInterval } ?? true
        state.digestRunning = true
        state.digestCheckPending = false
        service = state
        DispatchQueue.global(qos: .utility).async { @Sendable [self] in
            var mailFailed: Date?
            var firstSettled = true
            for job in jobs {
                do {
                    var written: DigestJob.Written?
                    if let occurrence = try job.dueOccurrence(now: now, firstStart: firstStart) {
                        written = try job.writeDaily(occurrence: occurrence, now: now)
                    } else if firstOwed {
                        written = try job.writeFirst(now: now)
                    }
                    if let written {
                        logger.info(
                            "digest written",
                            metadata: [
                                "edition": "\(job.settings.name)", "day": "\(written.day)",
                                "stories": "\(written.digest.storyCount)", "files": "\(written.paths.count)",
                                "directory": "\(job.settings.directory)",
                            ])
                        let path = written.paths.first { $0.hasSuffix(".html") } ?? written.paths.first
                        do {
                            try job.store.recordAlert(event: "digest", detail: path, now: now)
                        } catch {
                            logger.error(
                                "digest written, but its alert was not recorded",
                                metadata: ["edition": "\(job.settings.name)", "error": "\(error)"])
                        }
                    }
                } catch {
                    logger.error(
                        "digest not written", metadata: ["edition": "\(job.settings.name)", "error": "\(error)"])
                }
                if firstOwed {
                    // An edition with a digest never needs a first one again.
                    firstSettled = firstSettled && (try? job.store.digestWatermark(job.watermark)) != nil
                }
                if mailDue {
                    do {
                        if let period = try job.sendPendingMail(now: now) {
                            logger.info(
                                "digest mailed",
                                metadata: ["edition": "\(job.settings.name)", "first_seen_until": "\(period.end)"])
                        }
                    } catch {
                        mailFailed = now
                        logger.error(
                            "digest mail not sent, retrying in a minute",
                            metadata: ["edition": "\(job.settings.name)", "error": "\(error)"])
                    }
                }
            }
            if !firstOwed {
                firstSettled = false
            }
            let failure = mailFailed
            let settled = firstSettled
            queue.async { @Sendable [self] in
                assumeIsolated { $0.digestEnded(settled: settled, mailDue: mailDue, mailFailure: failure) }
            }
        }
    }

    /// Back on the control queue after a digest check: records what it found and runs a check asked for meanwhile.
    private func digestEnded(settled: Bool, mailDue: Bool, mailFailure: Date?) {
        guard var state = service else { return }
        state.digestRunning = false
        state.firstDigestSettled = state.firstDigestSettled || settled
        if mailDue {
            state.lastMailFailure = mailFailure
        }
        service = state
        if state.digestCheckPending {
            checkDigest()
        }
        // A digest just written raised an alert; between cycles it goes out now rather than at the next tick.
        if state.cycle == nil {
            deliverAlerts()
        }
    }
}
