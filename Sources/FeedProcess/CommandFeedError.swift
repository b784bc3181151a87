/// Why an exec feed source gave no feed, in one line naming the program: `/usr/local/bin/x: exited with status 3:
/// login failed`, `/usr/local/bin/x: timed out after 30 s`.
///
/// A command's standard error appears only as its first non-blank line, at most 200 characters.
public struct CommandFeedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// The command has no program.
        case emptyCommand
        /// The program or an argument holds a NUL byte, which no argument vector can carry.
        case nulByte
        /// The program is not given by an absolute path.
        case relativePath
        /// No file at the program's path.
        case notFound
        /// The file cannot be executed (its mode, a directory, not a program); the system's reason.
        case notExecutable(String)
        /// The program could not be started for another reason; the system's.
        case cannotStart(String)
        /// The command exited with a status other than 0; `stderr` is the first line it wrote there, shortened.
        case exitStatus(Int32, stderr: String)
        /// The command was killed by a signal it did not get from feedd.
        case signal(Int32, stderr: String)
        /// The command ran longer than its timeout and was killed, with its process group.
        case timedOut(Duration)
        /// The command wrote more than `limit` bytes to its standard output and was killed, with its process group.
        case outputTooLarge(limit: Int)
        /// A system call around the command failed (creating a pipe, waiting for it).
        case system(String)
    }

    /// The program's path as configured (`command[0]`); empty for an empty command.
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        path.isEmpty ? detail : "\(path): \(detail)"
    }

    /// The description without the path, for a message that names the command its own way.
    public var detail: String {
        switch reason {
        case .emptyCommand:
            return "empty command"
        case .nulByte:
            return "NUL byte in the command"
        case .relativePath:
            return "not an absolute path"
        case .notFound:
            return "not found"
        case .notExecutable(let reason):
            return "not executable (\(reason))"
        case .cannotStart(let reason):
            return "cannot be started (\(reason))"
        case .exitStatus(let status, let stderr):
            return OneLineText.summary("exited with status \(status)", stderr: stderr)
        case .signal(let signal, let stderr):
            return OneLineText.summary("killed by signal \(signal)", stderr: stderr)
        case .timedOut(let limit):
            return "timed out after \(OneLineText.duration(limit))"
        case .outputTooLarge(let limit):
            return "output larger than \(Self.formatByteCount(limit))"
        case .system(let message):
            return message
        }
    }

    /// "15 MiB", "64 KiB" or "1000 bytes".
    private static func formatByteCount(_ count: Int) -> String {
        let mebibyte = 1024 * 1024
        if count >= mebibyte && count % mebibyte == 0 {
            return "\(count / mebibyte) MiB"
        }
        if count >= 1024 && count % 1024 == 0 {
            return "\(count / 1024) KiB"
        }
        return count == 1 ? "1 byte" : "\(count) bytes"
    }
}
