import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sends mail over SMTP with libcurl.
public enum MailSender {
    /// Sends `mail` to `server` (`smtp://[user@]host[:port]` or `smtps://…`), blocking until the server accepted it
    /// or the exchange failed.
    ///
    /// The envelope is the mail's own `from` and `to` (bare addresses taken from `Name <address>`). An smtp:// URL
    /// upgrades to TLS with STARTTLS where the server offers it; without it, a password is sent only to this
    /// machine's own relay, and a mail without one goes in the clear. smtps:// uses TLS from the start.
    /// With a password file the mail is sent with SMTP AUTH as the URL's user (`smtp://user@host`), or as the
    /// sender's address when the URL names none; the file's trailing line break is not part of the password.
    /// The connect may take 10 s and the whole exchange 60 s. Blocking: call it from a background queue, never from
    /// a queue that must stay responsive.
    ///
    /// - Throws: `MailError` naming the server and what failed, without the password.
    public static func send(_ mail: MailMessage, server: URL, passwordFile: String?) throws(MailError) {
        let endpoint = try SMTPEndpoint(server)
        let sender = try envelopeAddress(mail.from, role: "sender", server: endpoint.server)
        guard !mail.to.isEmpty else {
            throw MailError(server: endpoint.server, kind: .invalidSettings, detail: "no recipient")
        }
        var recipients: [String] = []
        for recipient in mail.to {
            recipients.append(try envelopeAddress(recipient, role: "recipient", server: endpoint.server))
        }
        var credentials: (user: String, password: String)?
        if let path = passwordFile {
            credentials = (endpoint.user ?? sender, try readPassword(at: path, server: endpoint.server))
        }
        let transfer = try SMTPTransfer(
            endpoint: endpoint,
            sender: sender,
            recipients: recipients,
            credentials: credentials,
            message: mail.message()
        )
        try transfer.perform()
    }

    /// The bare address for MAIL FROM or RCPT TO; refuses what would break or extend the SMTP command.
    private static func envelopeAddress(_ address: String, role: String, server: String) throws(MailError) -> String {
        let unsafe = address.utf8.contains { $0 < 0x20 || $0 == 0x7F }
        let bare = MailHeader.bareAddress(address)
        let malformed =
            bare.isEmpty
            || bare.utf8.contains { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }
        guard !unsafe && !malformed else {
            let shown = String(decoding: address.utf8.filter { $0 >= 0x20 && $0 != 0x7F }, as: UTF8.self)
            throw MailError(server: server, kind: .invalidSettings, detail: "unusable \(role) address '\(shown)'")
        }
        return bare
    }

    /// The password in the file at `path`, without trailing CR and LF: `SecretFile`'s reading (size cap, an empty
    /// file refused), its reason in a mail error.
    private static func readPassword(at path: String, server: String) throws(MailError) -> String {
        var contents: [UInt8]
        do {
            contents = try SecretFile.read(path)
        } catch {
            throw MailError(server: server, kind: .passwordFile(path: path), detail: error.reason)
        }
        while let last = contents.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") {
            contents.removeLast()
        }
        guard !contents.contains(0) else {
            throw MailError(server: server, kind: .passwordFile(path: path), detail: "NUL byte in password")
        }
        return String(decoding: contents, as: UTF8.self)
    }
}
