/// Why a mail was not sent, in one line naming the server: "smtp://mail.example:587: server rejected the
/// mail (RCPT failed: 550)".
///
/// The description never contains the SMTP password, nor the user information of the configured URL.
public struct MailError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What failed.
    public enum Kind: Sendable, Equatable {
        /// The settings cannot be used (no recipient, an address with a line break, an unusable URL).
        case invalidSettings
        /// The password file at this path could not be read.
        case passwordFile(path: String)
        /// The server's host name did not resolve.
        case resolve
        /// No connection could be made (refused, unreachable).
        case connect
        /// TLS could not be set up or the server's certificate was not accepted.
        case tls
        /// The server refused the credentials.
        case authentication
        /// The server refused the sender, a recipient or the message.
        case rejected
        /// The connect or the whole exchange took too long.
        case timeout
        /// Anything else, e.g. the connection was lost.
        case other
    }

    /// The server as `scheme://host:port`, without user information.
    public var server: String
    public var kind: Kind
    /// libcurl's or the system's explanation.
    public var detail: String
    /// The server's last SMTP reply code when it was an error (4xx or 5xx), else nil.
    public var responseCode: Int?

    public init(server: String, kind: Kind, detail: String, responseCode: Int? = nil) {
        self.server = server
        self.kind = kind
        self.detail = detail
        self.responseCode = responseCode
    }

    public var description: String {
        var explanation = detail
        if let responseCode, !detail.contains(String(responseCode)) {
            explanation += explanation.isEmpty ? "SMTP \(responseCode)" : "; SMTP \(responseCode)"
        }
        let summary = "\(server): \(failure)"
        return explanation.isEmpty ? summary : "\(summary) (\(explanation))"
    }

    private var failure: String {
        switch kind {
        case .invalidSettings: "invalid mail settings"
        case .passwordFile(let path): "cannot read password file \(path)"
        case .resolve: "cannot resolve host"
        case .connect: "cannot connect"
        case .tls: "TLS failed"
        case .authentication: "authentication failed"
        case .rejected: "server rejected the mail"
        case .timeout: "timed out"
        case .other: "sending failed"
        }
    }
}
