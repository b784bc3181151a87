#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The parent's side of a running child: writes its input, collects its standard error, and waits for it until
/// the deadline, when it kills the child's process group. Whatever happens, the child is reaped before `run`
/// returns.
///
/// Owned by the thread in `ChildProcess.run`; it owns the two parent ends of the pipes until `closeDescriptors()`.
struct ChildExchange {
    let pid: pid_t
    private var stdin: Int32
    private var stderr: Int32
    private let input: [UInt8]
    private let maxOutput: Int
    private let deadline: ContinuousClock.Instant
    private var written = 0
    /// The first `maxOutput` bytes the child wrote to its standard error.
    private(set) var stderrBytes: [UInt8] = []

    init(
        pid: pid_t,
        stdin: Int32,
        stderr: Int32,
        input: [UInt8],
        maxOutput: Int,
        deadline: ContinuousClock.Instant
    ) {
        self.pid = pid
        self.stdin = stdin
        self.stderr = stderr
        self.input = input
        self.maxOutput = maxOutput
        self.deadline = deadline
        // Neither end may block the loop: a child that stops reading, or writes nothing, must not stall it.
        _ = fcntl(stdin, F_SETFL, fcntl(stdin, F_GETFL) | O_NONBLOCK)
        _ = fcntl(stderr, F_SETFL, fcntl(stderr, F_GETFL) | O_NONBLOCK)
    }

    /// Feeds and drains the pipes until the child exits or the deadline passes.
    mutating func run() throws(ChildProcess.Failure) -> ChildProcess.Ending {
        if input.isEmpty {
            closeStdin()
        }
        // A write to a pipe whose reader is gone raises SIGPIPE, which kills the process unless it is ignored
        // (feedd ignores it, a test runner might not). Blocked on this thread, it stays pending instead, and is
        // taken back below; the write itself fails with EPIPE.
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previousMask = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previousMask)
        let wasPending = Self.isPipeSignalPending()
        defer {
            if !wasPending && Self.isPipeSignalPending() {
                var noWait = timespec(tv_sec: 0, tv_nsec: 0)
                _ = sigtimedwait(&pipeSignal, nil, &noWait)
            }
            pthread_sigmask(SIG_SETMASK, &previousMask, nil)
        }
        while true {
            if let ending = try reap(blocking: false) {
                // The child is gone; take what it left in the pipe, but do not wait for descendants holding it.
                readStderr()
                return ending
            }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else {
                return try killAndReap()
            }
            pump(milliseconds: min(Self.milliseconds(remaining), 10))
        }
    }

    /// Closes the parent's ends still open.
    mutating func closeDescriptors() {
        closeStdin()
        if stderr >= 0 {
            close(stderr)
            stderr = -1
        }
    }

    // MARK: - Pipes

    /// Waits up to `milliseconds` for either pipe, then writes and reads what it can.
    private mutating func pump(milliseconds: Int32) {
        var entries: [pollfd] = []
        if stdin >= 0 {
            entries.append(pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0))
        }
        if stderr >= 0 {
            entries.append(pollfd(fd: stderr, events: Int16(POLLIN), revents: 0))
        }
        let ready = poll(&entries, nfds_t(entries.count), milliseconds)
        guard ready > 0 else {
            return
        }
        for entry in entries where entry.revents != 0 {
            if entry.fd == stdin {
                writeStdin()
            } else if entry.fd == stderr {
                readStderr()
            }
        }
    }

    /// Writes as much of the input as the pipe takes; closes it when all is written or the child stopped reading.
    private mutating func writeStdin() {
        while stdin >= 0 && written < input.count {
            let count = input[written...].withUnsafeBytes { write(stdin, $0.baseAddress, $0.count) }
            if count > 0 {
                written += count
                continue
            }
            switch errno {
            case EINTR:
                continue
            case EAGAIN:
                return
            default:
                // EPIPE: the child closed its standard input or exited; its exit status still decides.
                closeStdin()
                return
            }
        }
        closeStdin()
    }

    /// Reads what the pipe holds now; keeps the first `maxOutput` bytes and drops the rest.
    private mutating func readStderr() {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while stderr >= 0 {
            let count = chunk.withUnsafeMutableBytes { read(stderr, $0.baseAddress, $0.count) }
            if count > 0 {
                stderrBytes.append(contentsOf: chunk[..<min(count, max(0, maxOutput - stderrBytes.count))])
                continue
            }
            if count < 0 && errno == EINTR {
                continue
            }
            if count < 0 && errno == EAGAIN {
                return
            }
            // EOF, or an error that no later read would cure.
            close(stderr)
            stderr = -1
        }
    }

    private mutating func closeStdin() {
        if stdin >= 0 {
            close(stdin)
            stdin = -1
        }
    }

    // MARK: - The child

    /// How the child ended, if it has; nil while it runs (only when not blocking).
    private func reap(blocking: Bool) throws(ChildProcess.Failure) -> ChildProcess.Ending? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
            if result == pid {
                return Self.ending(status)
            }
            if result == 0 {
                return nil
            }
            if errno == EINTR {
                continue
            }
            // ECHILD: someone else reaped it (SIGCHLD ignored process-wide); its status is lost.
            throw .system("cannot wait for the command: \(String(cString: strerror(errno)))")
        }
    }

    /// Kills the child's process group (and the child, should it have left the group) and reaps the child.
    private func killAndReap() throws(ChildProcess.Failure) -> ChildProcess.Ending {
        // The child is not reaped yet, so its pid, and the group id, cannot have been reused.
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        _ = try reap(blocking: true)
        return .timedOut
    }

    /// The wait status decoded as <sys/wait.h>'s macros do (Swift does not import them).
    private static func ending(_ status: Int32) -> ChildProcess.Ending {
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signaled(signal)
    }

    private static func isPipeSignalPending() -> Bool {
        var pending = sigset_t()
        sigpending(&pending)
        return sigismember(&pending, SIGPIPE) == 1
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
    }
}
