#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a command whose standard output is a feed: the source of a `[[feed]]` with `kind = "exec"`.
///
/// It knows nothing of feeds: it returns the bytes, for the caller to parse as it would a fetched body.
public enum CommandFeed {
    /// How much of the command's standard error is read for the error's first line; the rest is dropped.
    static let maxStderrBytes = 16 * 1024

    /// Runs `command` with an empty standard input and returns its standard output when it exits with status 0.
    ///
    /// `command[0]` is the program's absolute path; there is no shell and no PATH search, and the other elements
    /// are its arguments, passed as they are. The command runs as `ChildProcess` runs the exec notification sink's:
    /// its own process group, which is killed (SIGKILL) when `timeout` passes or when the output grows past
    /// `maxOutputBytes`; no descriptor of feedd but its stdio; default signal dispositions; feedd's environment
    /// without systemd's variables, and feedd's own confinement. More than `maxOutputBytes` is never held.
    ///
    /// Blocks the calling thread until the command ends, for up to `timeout`: call it on a worker queue.
    public static func run(
        _ command: [String],
        timeout: Duration,
        maxOutputBytes: Int
    ) -> Result<[UInt8], CommandFeedError> {
        func failure(_ reason: CommandFeedError.Reason) -> Result<[UInt8], CommandFeedError> {
            .failure(CommandFeedError(path: command.first ?? "", reason: reason))
        }
        guard let executable = command.first, !executable.isEmpty else {
            return failure(.emptyCommand)
        }
        // A C string would end at the NUL, silently running something other than what was configured.
        guard !command.contains(where: { $0.utf8.contains(0) }) else {
            return failure(.nulByte)
        }
        // A relative path would be resolved against whatever directory feedd was started in.
        guard executable.hasPrefix("/") else {
            return failure(.relativePath)
        }
        let result: (ending: ChildProcess.Ending, stdout: [UInt8], stderr: [UInt8])
        do {
            result = try ChildProcess.run(
                command, input: [], timeout: timeout, maxStderr: maxStderrBytes,
                standardOutput: .capture(maxBytes: maxOutputBytes))
        } catch {
            switch error {
            case .spawn(let code, _) where code == ENOENT || code == ENOTDIR:
                return failure(.notFound)
            case .spawn(let code, let reason) where code == EACCES || code == ENOEXEC:
                return failure(.notExecutable(reason))
            case .spawn(_, let reason):
                return failure(.cannotStart(reason))
            case .system(let reason):
                return failure(.system(reason))
            }
        }
        switch result.ending {
        case .exited(0):
            return .success(result.stdout)
        case .exited(let status):
            return failure(.exitStatus(status, stderr: OneLineText.firstLine(of: result.stderr)))
        case .signaled(let signal):
            return failure(.signal(signal, stderr: OneLineText.firstLine(of: result.stderr)))
        case .timedOut:
            return failure(.timedOut(timeout))
        case .outputTooLarge:
            return failure(.outputTooLarge(limit: maxOutputBytes))
        }
    }
}
