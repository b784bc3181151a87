internal import CSpawn

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One run of a command with posix_spawn: input on its standard input, its standard error collected and its
/// standard output discarded or collected up to a cap, killed at a deadline, always reaped.
///
/// No shell and no PATH search: `command[0]` is the executable's path. The child gets its own process group, so a
/// timeout kills whatever it started too; every descriptor of feedd but its stdio is closed in it; SIGPIPE and the
/// other signals feedd may ignore are back to their defaults, and no signal is blocked; it inherits feedd's
/// environment except systemd's variables, and whatever the service manager confines feedd to. Blocking: the calling
/// thread runs the whole exchange.
package enum ChildProcess {
    /// How the command ended.
    package enum Ending: Equatable, Sendable {
        case exited(Int32)
        case signaled(Int32)
        /// Killed (SIGKILL to its process group) when the timeout passed.
        case timedOut
        /// Killed (SIGKILL to its process group) when its standard output passed the cap of `.capture(maxBytes:)`,
        /// or found to have written more than the cap when it exited.
        case outputTooLarge
    }

    /// What becomes of the command's standard output.
    package enum StandardOutput: Equatable, Sendable {
        /// /dev/null: the command may write as much as it likes.
        case discard
        /// Collected through a pipe; more than `maxBytes` ends the run with `Ending.outputTooLarge`, and no more
        /// than `maxBytes` is ever kept.
        case capture(maxBytes: Int)
    }

    /// Why the command could not be run at all.
    package enum Failure: Error, Equatable, Sendable {
        /// posix_spawn failed: `code` is the errno (ENOENT, EACCES, ENOEXEC…), `reason` the system's words for it.
        case spawn(code: Int32, reason: String)
        /// A pipe could not be made or the child could not be waited for.
        case system(String)
    }

    /// Signals whose ignored disposition a child would inherit through exec; it gets the defaults instead.
    private static let defaultSignals = [SIGPIPE, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGCHLD]
    /// Variables through which systemd talks to feedd itself (readiness, the watchdog, passed sockets); a command
    /// must not speak for feedd, nor think the sockets are its own.
    private static let withheldVariables = [
        "NOTIFY_SOCKET", "WATCHDOG_PID", "WATCHDOG_USEC", "LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES",
    ]

    /// Runs `command` with `input` on its standard input (closed after it, or once the child stops reading) and
    /// returns how it ended with the first `maxStderr` bytes of its standard error, and its standard output when
    /// `standardOutput` captures it (else empty).
    package static func run(
        _ command: [String],
        input: [UInt8],
        timeout: Duration,
        maxStderr: Int,
        standardOutput: StandardOutput = .discard
    ) throws(Failure) -> (ending: Ending, stdout: [UInt8], stderr: [UInt8]) {
        precondition(!command.isEmpty, "the caller checks for an empty command")
        var maxStdout: Int?
        if case .capture(let maxBytes) = standardOutput {
            maxStdout = max(0, maxBytes)
        }
        // stdin, stderr, then stdout when it is captured.
        var pipes: [(read: Int32, write: Int32)] = []
        func closePipes() {
            for pipe in pipes {
                close(pipe.read)
                close(pipe.write)
            }
        }
        do {
            for _ in 0..<(maxStdout == nil ? 2 : 3) {
                pipes.append(try makePipe())
            }
        } catch {
            closePipes()
            throw error
        }
        let stdinPipe = pipes[0]
        let stderrPipe = pipes[1]
        let stdoutPipe = pipes.count > 2 ? pipes[2] : nil
        let pid: pid_t
        do {
            pid = try spawn(command, stdin: stdinPipe.read, stdout: stdoutPipe?.write, stderr: stderrPipe.write)
        } catch {
            closePipes()
            throw error
        }
        // The child has its own copies; the parent's would keep the pipes open and hide EOF and EPIPE.
        close(stdinPipe.read)
        close(stderrPipe.write)
        if let stdoutPipe {
            close(stdoutPipe.write)
        }
        var exchange = ChildExchange(
            pid: pid, stdin: stdinPipe.write, stdout: stdoutPipe?.read ?? -1, stderr: stderrPipe.read, input: input,
            maxStdout: maxStdout ?? 0, maxStderr: max(0, maxStderr), deadline: ContinuousClock.now + timeout)
        defer { exchange.closeDescriptors() }
        let ending = try exchange.run()
        return (ending, exchange.stdoutBytes, exchange.stderrBytes)
    }

    /// A close-on-exec pipe with both ends above the standard descriptors, so the child's file actions that place
    /// them on 0 and 2 never overwrite one another, even in a process started with stdio closed.
    private static func makePipe() throws(Failure) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        guard cspawn_pipe_cloexec(&ends) == 0 else {
            throw .system("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        for index in ends.indices where ends[index] <= STDERR_FILENO {
            let moved = fcntl(ends[index], F_DUPFD_CLOEXEC, STDERR_FILENO + 1)
            let code = errno
            close(ends[index])
            ends[index] = moved
            guard moved >= 0 else {
                ends.filter { $0 >= 0 }.forEach { close($0) }
                throw .system("cannot create a pipe: \(String(cString: strerror(code)))")
            }
        }
        return (ends[0], ends[1])
    }

    /// Starts the child with its stdio set up (standard output to /dev/null when `stdout` is nil); returns its pid.
    private static func spawn(
        _ command: [String],
        stdin: Int32,
        stdout: Int32?,
        stderr: Int32
    ) throws(Failure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        var status = posix_spawn_file_actions_adddup2(&actions, stdin, STDIN_FILENO)
        if status == 0 {
            if let stdout {
                status = posix_spawn_file_actions_adddup2(&actions, stdout, STDOUT_FILENO)
            } else {
                status = posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
            }
        }
        if status == 0 {
            status = posix_spawn_file_actions_adddup2(&actions, stderr, STDERR_FILENO)
        }
        if status == 0 {
            // Sockets of fetches and the store's files, whichever thread opened them and however.
            status = cspawn_file_actions_addclosefrom(&actions, STDERR_FILENO + 1)
        }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in defaultSignals {
            sigaddset(&defaults, signal)
        }
        if status == 0 {
            status = posix_spawnattr_setflags(
                &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        }
        if status == 0 {
            // 0: a new group whose id is the child's pid, so kill(-pid) reaches everything it starts.
            status = posix_spawnattr_setpgroup(&attributes, 0)
        }
        if status == 0 {
            status = posix_spawnattr_setsigmask(&attributes, &noSignals)
        }
        if status == 0 {
            status = posix_spawnattr_setsigdefault(&attributes, &defaults)
        }
        guard status == 0 else {
            throw .system("cannot set up the command: \(String(cString: strerror(status)))")
        }

        let arguments: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        let environment = inheritedEnvironment() + [nil]
        var pid: pid_t = 0
        // glibc reports an exec failure (ENOENT, EACCES, ENOEXEC) as posix_spawn's result.
        status = posix_spawn(&pid, command[0], &actions, &attributes, arguments, environment)
        guard status == 0 else {
            throw .spawn(code: status, reason: String(cString: strerror(status)))
        }
        return pid
    }

    /// feedd's environment without `withheldVariables`; the pointers are `environ`'s own, not copies.
    private static func inheritedEnvironment() -> [UnsafeMutablePointer<CChar>?] {
        var result: [UnsafeMutablePointer<CChar>?] = []
        var entry = environ
        while let variable = entry.pointee {
            let name = String(cString: variable).prefix { $0 != "=" }
            if !withheldVariables.contains(String(name)) {
                result.append(variable)
            }
            entry += 1
        }
        return result
    }
}
