import Dispatch
import FeedConfig
import FeedPipeline
import Foundation

/// What the running service keeps between events; the daemon's, so isolated to it.
struct ServiceState {
    let notifier: SystemdNotifier
    let reload: @Sendable () throws(ConfigError) -> FeedConfiguration
    var finished: CheckedContinuation<Void, Never>?
    var signalSources: [DispatchSourceSignal] = []
    var timers: [DispatchSourceTimer] = []
    var cycle: FetchCycle?
    var tickPending = false
    var stopping = false
    /// A reload is between reading the file and the store's taking its feeds.
    var reloading = false
    /// A SIGHUP came during a reload: read the file again when it ends.
    var reloadPending = false
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
    /// Notifications are being delivered on the notify queue.
    var notifyRunning = false
    /// A delivery was asked for while one ran: it runs again when that one ends.
    var notifyPending = false

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
