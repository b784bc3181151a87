import Foundation

/// Delivers one notification to one sink, blocking until the sink took it or failed.
///
/// It holds only settings, so one sender may be shared by any number of threads. Every delivery blocks (HTTP, a
/// secret file read, a child process): call `deliver` from a utility queue, never from the main thread or a queue
/// that must stay responsive. It does not retry; the caller's outbox decides when to try again.
public struct NotificationSender: Sendable {
    /// The User-Agent of ntfy and webhook requests.
    public var userAgent: String
    /// The most one delivery may take: the whole HTTP exchange, or the command's run before it is killed.
    public var timeout: Duration
    /// How much of a response body or a command's standard error is kept (the rest is read and dropped).
    public var maxOutput: Int

    /// The longest ntfy message body sent, in bytes; ntfy itself turns a longer one into an attachment.
    static let ntfyMaxTextBytes = 4000
    /// The longest ntfy title sent, in bytes of UTF-8 before any encoding.
    static let ntfyMaxTitleBytes = 250
    /// The longest time to connect to a sink's server, within `timeout`.
    static let maxConnectTimeout = Duration.seconds(10)

    public init(userAgent: String, timeout: Duration = .seconds(30), maxOutput: Int = 64 * 1024) {
        self.userAgent = userAgent
        self.timeout = timeout
        self.maxOutput = maxOutput
    }

    /// Sends `message` to `sink` on the calling thread.
    ///
    /// Success is a 2xx response for ntfy and webhooks, and exit status 0 for an exec sink. A webhook's secret
    /// file is read on every delivery, so a rotated secret takes effect without a restart.
    ///
    /// - Throws: `NotificationError` naming the sink and why, never containing the secret or the message.
    public func deliver(_ message: NotificationMessage, to sink: NotificationSink) throws(NotificationError) {
        switch sink.kind {
        case .ntfy(let url):
            try deliverToNtfy(message, sink: sink.name, url: url)
        case .webhook(let url, let secretFile):
            try deliverToWebhook(message, sink: sink.name, url: url, secretFile: secretFile)
        case .exec(let command):
            try deliverToCommand(message, sink: sink.name, command: command)
        }
    }
}
