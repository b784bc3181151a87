import Dispatch

/// The serial executor of ``Daemon``: its jobs run on the daemon's control queue, `feedd.control`.
///
/// The daemon's timers and signal sources fire on that same queue, so their handlers may enter the actor with
/// `assumeIsolated`; ``checkIsolated()`` is what lets the runtime accept them there, and trap anywhere else.
final class ControlQueueExecutor: SerialExecutor {
    /// Serial: the actor's isolation is only as good as the queue's one-at-a-time order.
    let queue: DispatchQueue

    init(queue: DispatchQueue) {
        self.queue = queue
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { [self] in
            job.runSynchronously(on: asUnownedSerialExecutor())
        }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Called by `assumeIsolated` from a Dispatch handler, which runs on the queue but not as one of its jobs.
    func checkIsolated() {
        dispatchPrecondition(condition: .onQueue(queue))
    }
}
