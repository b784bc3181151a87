/// Why a fetch failed, with the URL it was for; its description is one line that names the URL.
///
/// `FeedFetcher.fetchOnce` never throws `httpStatus`: responses of any status are returned, and
/// `FetchResponse.requireSuccess(url:)` is the one place that turns a status into this error.
public struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The failure itself; messages carried by a case are libcurl's, for a person to read.
    public enum Kind: Sendable, Equatable {
        /// The URL could not be parsed.
        case invalidURL(message: String)
        /// The request URL's scheme is not fetchable (`ftp`, or `file` without `allowFileURL`).
        case unsupportedScheme(String)
        /// A redirect pointed at a URL whose scheme is refused (anything but http and https).
        case forbiddenRedirect(location: String)
        /// The host name (or the proxy's) could not be resolved.
        case dns(message: String)
        /// No connection could be made (refused, unreachable).
        case connect(message: String)
        /// The TLS handshake or certificate verification failed.
        case tls(message: String)
        /// No connection (name resolution, TCP and TLS handshakes) within the request's `connectTimeout`.
        case connectTimeout(Duration)
        /// The whole transfer, redirects included, did not end within the request's `totalTimeout`.
        case deadline(Duration)
        /// The transfer moved fewer than `bytesPerSecond` for `duration` (`lowSpeedLimit`, `lowSpeedTime`): a
        /// server that trickles its headers or body.
        case tooSlow(bytesPerSecond: Int, duration: Duration)
        /// The decoded body grew past the request's `maxBodyBytes`.
        case tooLarge(limit: Int)
        /// More redirects than the request's `maxRedirects`.
        case tooManyRedirects(limit: Int)
        /// The SSRF guard refused to connect to this non-public address.
        case blockedAddress(String)
        /// The SSRF guard refused to follow a redirect to `location`, whose host is (or resolves to) the
        /// non-public `address`.
        case blockedRedirect(location: String, address: String)
        /// The server answered with a status other than 2xx or 304 (from `requireSuccess`).
        case httpStatus(Int)
        /// Anything else libcurl reported.
        case other(message: String)
    }

    /// The URL of the request that failed (not the redirect target).
    public var url: String
    public var kind: Kind

    public init(url: String, kind: Kind) {
        self.url = url
        self.kind = kind
    }

    public var description: String {
        "\(url.isEmpty ? "(empty URL)" : url): \(detail)"
    }

    /// The description without the URL, for a message that names the URL its own way.
    public var detail: String {
        switch kind {
        case .invalidURL(let message):
            return "invalid URL (\(message))"
        case .unsupportedScheme(let scheme):
            return "unsupported URL scheme '\(scheme)'"
        case .forbiddenRedirect(let location):
            return "redirect to \(location) refused (only http and https may be redirected to)"
        case .dns(let message):
            return "DNS lookup failed: \(message)"
        case .connect(let message):
            return "connection failed: \(message)"
        case .tls(let message):
            return "TLS failed: \(message)"
        case .connectTimeout(let limit):
            return "no connection within the \(Self.formatDuration(limit)) connect timeout"
        case .deadline(let limit):
            return "no complete response within the \(Self.formatDuration(limit)) deadline"
        case .tooSlow(let bytesPerSecond, let duration):
            return "slower than \(Self.formatByteCount(bytesPerSecond))/s for \(Self.formatDuration(duration))"
        case .tooLarge(let limit):
            return "response larger than \(Self.formatByteCount(limit))"
        case .tooManyRedirects(let limit):
            return "more than \(limit) redirects"
        case .blockedAddress(let address):
            return "refused to connect to non-public address \(address)"
        case .blockedRedirect(let location, let address):
            return "redirect to \(location) refused: non-public address \(address)"
        case .httpStatus(let code):
            if let phrase = HTTPStatusPhrase.phrase(for: code) {
                return "HTTP \(code) \(phrase)"
            }
            return "HTTP \(code)"
        case .other(let message):
            return message
        }
    }

    /// "30 s" or "300 ms": whole seconds when the duration is, else milliseconds.
    static func formatDuration(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 {
            return "\(seconds) s"
        }
        return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
    }

    /// "15 MiB", "512 KiB" or "1000 bytes": the unit that states the limit exactly.
    static func formatByteCount(_ count: Int) -> String {
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
