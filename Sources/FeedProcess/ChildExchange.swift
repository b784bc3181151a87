#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The parent's side of a running child: writes its input, collects its standard error (and its standard output
/// when that is a pipe), and waits for it until the deadline, when it kills the child's process group; it kills the
/// group as soon as the standard output passes its cap, too. Whatever happens, the child is reaped before `run`
/// returns.
///
/// Owned by the thread in `ChildProcess.run`; it owns the parent ends of the pipes until `closeDescriptors()`.
struct ChildExchange {
    let pid: pid_t
    private var stdin: Int32
    /// -1 when the standard output is not collected (it went to /dev/null).
    private var stdout: Int32
    private var stderr: Int32
    private let input: [UInt8]
    private let maxStdout: Int
    private let maxStderr: Int
    private let deadline: ContinuousClock.Instant
    private var written = 0
    /// Set when the standard output brought more than `maxStdout` bytes; the pipe is read no more, but stays open
    /// until the child is killed, so that a SIGPIPE cannot end it first and leave its group alive.
    private var stdoutOverflowed = false
    /// Where each read lands before its bytes are kept or dropped; one buffer for the whole run.
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    /// The child's standard output, at most `maxStdout` bytes; empty when it is not collected.
    private(set) var stdoutBytes: [UInt8] = []
    /// The first `maxStderr` bytes the child wrote to its standard error.
    private(set) var stderrBytes: [UInt8] = []

    /// - Parameter stdout: the read end of the standard output's pipe, or -1 when it is not collected.
    init(
        pid: pid_t,
        stdin: Int32,
        stdout: Int32,
        stderr: Int32,
        input: [UInt8],
        maxStdout: Int,
        maxStderr: Int,
        deadline: ContinuousClock.Instant
    ) {
        self.pid = pid
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.input = input
        self.maxStdout = maxStdout
        self.maxStderr = maxStderr
        self.deadline = deadline
        // No end may block the loop: a child that stops reading, or writes nothing, must not stall it.
        for descriptor in [stdin, stdout, stderr] where descriptor >= 0 {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
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
            // Before the child is reaped, so that its group id is still its own to kill.
            if stdoutOverflowed {
                return try killAndReap(as: .outputTooLarge)
            }
            if let ending = try reap(blocking: false) {
                // The child is gone; take what it left in the pipes, but do not wait for descendants holding them.
                readStderr()
                readStdout()
                return stdoutOverflowed ? .outputTooLarge : ending
            }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else {
                return try killAndReap(as: .timedOut)
            }
            pump(milliseconds: min(Self.milliseconds(remaining), 10))
        }
    }

    /// Closes the parent's ends still open.
    mutating func closeDescriptors() {
        closeStdin()
        for descriptor in [stdout, stderr] where descriptor >= 0 {
            close(descriptor)
        }
        stdout = -1
        stderr = -1
    }

    // MARK: - Pipes

    /// Waits up to `milliseconds` for any pipe, then writes and reads what it can.
    private mutating func pump(milliseconds: Int32) {
        var entries: [pollfd] = []
        if stdin >= 0 {
            entries.append(pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0))
        }
        for descriptor in [stdoutOverflowed ? -1 : stdout, stderr] where descriptor >= 0 {
            entries.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0))
        }
        let ready = poll(&entries, nfds_t(entries.count), milliseconds)
        guard ready > 0 else {
            return
        }
        for entry in entries where entry.revents != 0 {
            if entry.fd == stdin {
                writeStdin()
            } else if entry.fd == stdout {
                readStdout()
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

    /// Reads what the standard error's pipe holds now; keeps the first `maxStderr` bytes and drops the rest.
    private mutating func readStderr() {
        // Past the cap, reading goes on: a child blocked on a full pipe would never exit.
        while Self.readAvailable(&stderr, into: &stderrBytes, limit: maxStderr, chunk: &chunk) {}
    }

    /// Reads what the standard output's pipe holds now; once it brings more than `maxStdout` bytes, records the
    /// overflow, for `run` to kill the child, and reads no more.
    private mutating func readStdout() {
        if !stdoutOverflowed && Self.readAvailable(&stdout, into: &stdoutBytes, limit: maxStdout, chunk: &chunk) {
            stdoutOverflowed = true
        }
    }

    /// Reads `descriptor` until it has nothing more now, appending to `bytes` until they are `limit` long; closes it
    /// (and sets it to -1) at EOF. Returns true, at once, when a read brought more than fits.
    private static func readAvailable(
        _ descriptor: inout Int32,
        into bytes: inout [UInt8],
        limit: Int,
        chunk: inout [UInt8]
    ) -> Bool {
        while descriptor >= 0 {
            let source = descriptor
            let count = chunk.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if count > 0 {
                let kept = min(count, limit - bytes.count)
                bytes.append(contentsOf: chunk[..<kept])
                if kept < count {
                    return true
                }
                continue
            }
            if count < 0 && errno == EINTR {
                continue
            }
            if count < 0 && errno == EAGAIN {
                return false
            }
            // EOF, or an error that no later read would cure.
            close(descriptor)
            descriptor = -1
        }
        return false
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

    /// Kills the child's process group (and the child, should it have left the group), reaps the child, and
    /// returns `ending`, why it was killed.
    private func killAndReap(as ending: ChildProcess.Ending) throws(ChildProcess.Failure) -> ChildProcess.Ending {
        // The child is not reaped yet, so its pid, and the group id, cannot have been reused.
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        _ = try reap(blocking: true)
        return ending
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
