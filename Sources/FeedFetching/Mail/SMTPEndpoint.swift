import Foundation

/// The parts of a `[digest.mail]` URL that sending needs: what libcurl connects to, what errors show, the user.
struct SMTPEndpoint: Sendable {
    /// `scheme://host:port`, for messages; it never carries user information.
    let server: String
    /// The URL handed to libcurl: the configured one without user information, with an explicit port.
    let curlURL: String
    /// The URL's percent-decoded user, if it has one.
    let user: String?
    /// Whether the scheme is smtps (TLS from the start) rather than smtp (STARTTLS where offered).
    let isImplicitTLS: Bool
    /// Whether the host is this machine (localhost, 127.0.0.0/8, ::1), where a relay may not offer STARTTLS and
    /// nothing crosses a network.
    let isLoopback: Bool

    /// Reads `url`; it must be smtp:// or smtps:// with a host.
    init(_ url: URL) throws(MailError) {
        let shown = url.scheme.map { "\($0)://\(url.host ?? "")" } ?? "mail server"
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let scheme = components.scheme?.lowercased(), scheme == "smtp" || scheme == "smtps"
        else {
            throw MailError(server: shown, kind: .invalidSettings, detail: "the URL must be smtp:// or smtps://")
        }
        guard let host = components.host, !host.isEmpty else {
            throw MailError(server: shown, kind: .invalidSettings, detail: "the URL has no host")
        }
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let port = components.port ?? (scheme == "smtps" ? 465 : 25)
        server = "\(scheme)://\(hostPart):\(port)"
        // The path, if any, is the domain libcurl sends with EHLO.
        curlURL = server + components.percentEncodedPath
        user = components.user.flatMap { $0.isEmpty ? nil : $0 }
        isImplicitTLS = scheme == "smtps"
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        isLoopback = bare == "localhost" || bare.hasPrefix("127.") || bare == "::1"
    }
}
