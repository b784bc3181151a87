import FeedFetching
import FeedProcess

/// Why a notification was not delivered, in one line naming the sink: `webhook "hook" (http://127.0.0.1:8080/x):
/// HTTP 500 Internal Server Error`, `exec "script" (/usr/local/bin/x): killed after the 5 s timeout`.
///
/// The description never contains a webhook's secret nor the message itself; an exec sink's standard error is
/// shown only as its first line, shortened.
public struct NotificationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// The sink's configuration cannot be used (an empty command).
        case invalidSink(String)
        /// The webhook's secret file could not be read, or holds no usable secret.
        case secretFile(SecretFileError)
        /// The request got no response: the URL or a header was refused, or DNS, connect, TLS or a timeout failed.
        case request(FetchError)
        /// The server answered with a status other than 2xx.
        case httpStatus(Int)
        /// The command could not be started (`message` is the system's reason, e.g. "No such file or directory").
        case spawn(path: String, message: String)
        /// The command exited with a status other than 0; `stderr` is the first line it wrote there, shortened.
        case exitStatus(Int32, stderr: String)
        /// The command was killed by a signal it did not get from feedd.
        case signal(Int32, stderr: String)
        /// The command ran longer than the sender's timeout and was killed, with its process group.
        case timedOut(Duration)
        /// A system call around the command failed (creating a pipe, waiting for it).
        case system(String)
    }

    /// The sink's configured name.
    public var sinkName: String
    /// "ntfy", "webhook" or "exec".
    public var sinkKind: String
    /// The URL or the command's path, shown in parentheses; nil when the reason names the file it is about.
    public var target: String?
    public var reason: Reason

    public init(sinkName: String, sinkKind: String, target: String?, reason: Reason) {
        self.sinkName = sinkName
        self.sinkKind = sinkKind
        self.target = target
        self.reason = reason
    }

    public var description: String {
        let sink = "\(sinkKind) \"\(sinkName)\""
        guard let target else {
            return "\(sink): \(explanation)"
        }
        return "\(sink) (\(target)): \(explanation)"
    }

    private var explanation: String {
        switch reason {
        case .invalidSink(let message):
            return message
        case .secretFile(let error):
            return error.description
        case .request(let error):
            return error.detail
        case .httpStatus(let status):
            return FetchError(url: "", kind: .httpStatus(status)).detail
        case .spawn(let path, let message):
            return "\(path): \(message)"
        case .exitStatus(let status, let stderr):
            return OneLineText.summary("exited with status \(status)", stderr: stderr)
        case .signal(let signal, let stderr):
            return OneLineText.summary("killed by signal \(signal)", stderr: stderr)
        case .timedOut(let limit):
            return "killed after the \(OneLineText.duration(limit)) timeout"
        case .system(let message):
            return message
        }
    }
}
