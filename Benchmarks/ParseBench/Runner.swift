import Foundation
import Glibc

/// Starts child processes with `fork` + `execve` and measures each one: monotonic wall clock plus `wait4`'s rusage.
///
/// Not `posix_spawn` (nor Foundation's `Process`, which uses it): glibc's posix_spawn runs the child on the
/// parent's address space until `execve`, and the kernel then folds the parent's peak RSS into the child's
/// `ru_maxrss`, so every tool would seem to use at least this process's ~20 MB (more after any large allocation).
/// A forked child starts from a copy holding only the resident pages this process has now, a floor of a few MB
/// that `spawnFloorKiB()` measures. The child's stdin is /dev/null. Nothing here decides whether a run "failed":
/// callers read `RunSample.termination`.
struct Runner: Sendable {
    /// Where a child's output goes.
    enum Sink: Sendable {
        /// Truncate and write this file (use "/dev/null" to discard).
        case file(String)
        /// Share the benchmark's own stderr, so stdout stays clean for `--json`.
        case parentStderr

        var path: String? {
            if case .file(let path) = self { return path }
            return nil
        }
    }

    private let environment: [String]
    private let searchPath: [String]

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment.map { "\($0.key)=\($0.value)" }
        self.searchPath = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
    }

    /// Returns the absolute path of an executable: `name` itself when it contains a slash, else the first match
    /// on `$PATH`; throws `toolMissing` when there is none.
    func resolve(_ name: String, hint: String) throws(BenchError) -> String {
        let candidates = name.contains("/") ? [name] : searchPath.map { "\($0)/\(name)" }
        for candidate in candidates where access(candidate, X_OK) == 0 {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return URL(fileURLWithPath: candidate).standardizedFileURL.path
            }
        }
        throw .toolMissing(name: name, hint: hint)
    }

    /// Runs `arguments[0]` (an absolute path, see `resolve`) once and waits for it.
    ///
    /// Throws only when the process could not be forked or reaped; a tool that exits non-zero (127 when it could
    /// not be executed) is a normal sample with a failing `termination`.
    func run(_ arguments: [String], stdout: Sink, stderr: Sink) throws(BenchError) -> RunSample {
        // Everything the child touches is allocated before fork: between fork and execve it makes system calls only.
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        let paths = ["/dev/null", stdout.path, stderr.path].map { $0.flatMap { strdup($0) } }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
            paths.forEach { free($0) }
        }

        let start = Self.monotonicSeconds()
        let pid = argv.withUnsafeBufferPointer { argv in
            envp.withUnsafeBufferPointer { envp in
                let child = fork()
                if child == 0 {
                    Self.execChild(argv: argv, envp: envp, devNull: paths[0], stdout: paths[1], stderr: paths[2])
                }
                return child
            }
        }
        guard pid > 0 else { throw .spawnFailed(command: arguments[0], errno: errno) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 {
            guard errno == EINTR else { throw .spawnFailed(command: arguments[0], errno: errno) }
        }
        let end = Self.monotonicSeconds()

        return RunSample(
            wallSeconds: end - start,
            userSeconds: Self.seconds(usage.ru_utime),
            systemSeconds: Self.seconds(usage.ru_stime),
            maxRSSKiB: Int(usage.ru_maxrss),
            termination: Termination(waitStatus: status)
        )
    }

    /// The peak RSS a do-nothing child (/bin/true) reports through this runner: the least any tool can show.
    func spawnFloorKiB() -> Int? {
        guard let sample = try? run(["/bin/true"], stdout: .file("/dev/null"), stderr: .file("/dev/null")),
            sample.termination.succeeded
        else { return nil }
        return sample.maxRSSKiB
    }

    /// The forked child's half: redirect, then exec. A nil `stdout` path means "the parent's stderr".
    private static func execChild(
        argv: UnsafeBufferPointer<UnsafeMutablePointer<CChar>?>,
        envp: UnsafeBufferPointer<UnsafeMutablePointer<CChar>?>,
        devNull: UnsafeMutablePointer<CChar>?,
        stdout: UnsafeMutablePointer<CChar>?,
        stderr: UnsafeMutablePointer<CChar>?
    ) -> Never {
        guard let devNull, let program = argv[0], let argvBase = argv.baseAddress, let envpBase = envp.baseAddress,
            redirect(0, to: devNull, flags: O_RDONLY)
        else { _exit(126) }
        if let stderr, !redirect(2, to: stderr, flags: O_WRONLY | O_CREAT | O_TRUNC) { _exit(126) }
        if let stdout {
            if !redirect(1, to: stdout, flags: O_WRONLY | O_CREAT | O_TRUNC) { _exit(126) }
        } else if dup2(2, 1) < 0 {
            _exit(126)
        }
        execve(program, argvBase, envpBase)
        _exit(127)
    }

    private static func redirect(_ target: Int32, to path: UnsafePointer<CChar>, flags: Int32) -> Bool {
        let fd = open(path, flags, 0o644)
        guard fd >= 0, dup2(fd, target) >= 0 else { return false }
        if fd != target { close(fd) }
        return true
    }

    private static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    private static func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1e6
    }
}
