import Foundation

/// One configured place notifications go: an ntfy topic, a webhook, or a command to run.
public struct NotificationSink: Sendable, Equatable {
    /// How a message reaches the sink.
    public enum Kind: Sendable, Equatable {
        /// An HTTP POST of the message's plain text to an ntfy topic URL, with its title in the headers.
        case ntfy(url: URL)
        /// An HTTP POST of the message's JSON; with a secret file, signed with HMAC-SHA256 of the body.
        case webhook(url: URL, secretFile: String?)
        /// The executable `command[0]` (a path; no shell, no PATH search) with the other elements as its
        /// arguments, given the message's JSON on its standard input.
        case exec(command: [String])
    }

    /// The name the configuration gives the sink, used in logs and errors.
    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}
