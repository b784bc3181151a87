import Foundation

/// The `[digest.mail]` table: sending each digest by SMTP.
///
/// A loaded configuration guarantees an `smtp` or `smtps` URL with a host, a `from` and at least one `to` address.
public struct MailSettings: Sendable, Equatable {
    /// `url`: the SMTP server, `smtp://host[:port]` (STARTTLS where offered) or `smtps://host[:port]` (TLS);
    /// a user name may be given as `smtp://user@host`.
    public var url: URL
    /// `from`: the sender address (may be `Name <address>`).
    public var from: String
    /// `to`: the recipients (a string or an array of strings in the file).
    public var to: [String]
    /// `password_file`: a file holding the SMTP password, or nil to send without authentication.
    public var passwordFile: String?
    /// `enabled`: whether mail is sent; default true when the table is present.
    public var enabled: Bool

    /// Creates mail settings; no validation happens here.
    public init(url: URL, from: String, to: [String], passwordFile: String?, enabled: Bool) {
        self.url = url
        self.from = from
        self.to = to
        self.passwordFile = passwordFile
        self.enabled = enabled
    }
}
