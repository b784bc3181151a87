import Glibc
import Synchronization

/// Keeps the service's signals that arrive before its Dispatch signal sources are armed, so none is lost.
///
/// libdispatch on Linux arms a signal source asynchronously, on its manager thread: it installs a handler of its
/// own (`sigaction`) that blocks the signal on the thread that caught it and raises it again at the manager thread,
/// which reads it from a `signalfd`. Until that handler is installed the signal's disposition is the process's.
/// Ignoring it (SIG_IGN) drops it, and blocking it cannot keep it: `dispatch_main` parks the main thread in
/// `sigsuspend` with an empty mask, so the main thread takes any pending signal at once. So the service installs
/// ``record`` first: a signal before libdispatch's handler is remembered here, one after goes to the source, and
/// `sigaction` swaps the two atomically. The daemon takes what was remembered once the sources are known to be
/// armed.
///
/// Safe from any thread; the handler only sets a bit.
public enum StartupSignals {
    /// The signals the service's sources handle.
    public static let handled: [Int32] = [SIGTERM, SIGINT, SIGHUP, SIGUSR1]

    /// One bit per signal number that arrived while ``record`` was the handler.
    private static let arrived = Atomic<UInt64>(0)

    /// The recording handler: async-signal-safe, it only sets the signal's bit.
    private static let recorder: @convention(c) (Int32) -> Void = { signalNumber in
        StartupSignals.arrived.bitwiseOr(UInt64(1) << UInt64(signalNumber), ordering: .sequentiallyConsistent)
    }

    /// Installs the recording handler for ``handled`` and unblocks them on the calling thread.
    ///
    /// A process started by one whose threads block signals (a Swift test, for one) inherits that mask; the
    /// service must not keep SIGTERM blocked where the mask still matters.
    public static func record() {
        // The handler touches `arrived`: initialize it here, never lazily inside a signal handler.
        _ = arrived.load(ordering: .relaxed)
        let handler = recorder
        for signalNumber in handled {
            signal(signalNumber, handler)
        }
        unblock(handled)
    }

    /// True while ``record`` is still the handler of any of ``handled``: libdispatch has not yet installed its own
    /// for that signal's source, so a signal now would be remembered here rather than reach the source.
    public static var recording: Bool {
        let ours = unsafeBitCast(recorder, to: UnsafeRawPointer.self)
        return handled.contains { signalNumber in
            var current = sigaction()
            guard sigaction(signalNumber, nil, &current) == 0, let handler = current.__sigaction_handler.sa_handler
            else { return false }
            return unsafeBitCast(handler, to: UnsafeRawPointer.self) == ours
        }
    }

    /// Unblocks `signals` on the calling thread.
    public static func unblock(_ signals: [Int32]) {
        var mask = sigset_t()
        sigemptyset(&mask)
        for signalNumber in signals {
            sigaddset(&mask, signalNumber)
        }
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
    }

    /// The signals that arrived since the last call, in ``handled``'s order, each once; clears them.
    public static func take() -> [Int32] {
        let bits = arrived.exchange(0, ordering: .sequentiallyConsistent)
        return handled.filter { bits & (UInt64(1) << UInt64($0)) != 0 }
    }
}
