internal import CCurl

/// Which `FetchError.Kind` a failed transfer amounts to: libcurl's result code read together with what the
/// transfer saw (a refusal by the SSRF guard, a body over the cap, the redirects it followed, how long it ran).
///
/// Pure: it holds the facts, not the handle, so the reading of each code is in one place and does not depend on
/// the transfer's state changing underneath.
struct CurlFailureKind {
    let code: CURLcode
    /// libcurl's detailed message for `code`.
    let message: String
    let request: FetchRequest
    /// Why the guard refused a redirect by name before libcurl followed it (only with a proxy).
    let refusedRedirect: FetchError.Kind?
    /// The write callback stopped the transfer at the body cap.
    let bodyOverflowed: Bool
    /// Where the last response redirected to, if anywhere.
    let redirectLocation: String?
    /// The first address the guard refused to connect to.
    let refusedAddress: String?
    /// A response arrived before the failure (so a later connection was for a redirect).
    let hadResponse: Bool
    /// The URL of the last hop libcurl tried.
    let effectiveURL: String?
    /// How long the transfer ran.
    let elapsed: Duration
    /// The low-speed window in the whole seconds libcurl counts.
    let lowSpeedSeconds: Int

    var kind: FetchError.Kind {
        switch code {
        case CURLE_WRITE_ERROR where refusedRedirect != nil:
            return refusedRedirect ?? .other(message: message)
        case CURLE_WRITE_ERROR where bodyOverflowed, CURLE_FILESIZE_EXCEEDED:
            return .tooLarge(limit: request.maxBodyBytes)
        case CURLE_TOO_MANY_REDIRECTS:
            return .tooManyRedirects(limit: request.maxRedirects + request.earlierRedirects)
        case CURLE_UNSUPPORTED_PROTOCOL:
            // The request's own scheme was checked up front, so this is a redirect to a refused scheme.
            if let redirectLocation {
                return .forbiddenRedirect(location: redirectLocation)
            }
            return .other(message: message)
        case CURLE_URL_MALFORMAT:
            return .invalidURL(message: message)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .dns(message: message)
        case CURLE_COULDNT_CONNECT:
            if let refusedAddress {
                // A response came before this connection, so it was for a redirect: name where it led.
                if hadResponse, let effectiveURL {
                    return .blockedRedirect(location: effectiveURL, address: refusedAddress)
                }
                return .blockedAddress(refusedAddress)
            }
            return .connect(message: message)
        case CURLE_OPERATION_TIMEDOUT:
            return timeoutKind
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
            CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT:
            return .tls(message: message)
        default:
            return .other(message: message)
        }
    }

    /// Which of the three limits libcurl reports as CURLE_OPERATION_TIMEDOUT ran out.
    private var timeoutKind: FetchError.Kind {
        // libcurl's low-speed abort has said "Operation too slow. Less than N bytes/sec transferred the last N
        // seconds" since the option exists; the other two are told apart by the time that has passed.
        if message.hasPrefix("Operation too slow") {
            return .tooSlow(bytesPerSecond: request.lowSpeedLimit, duration: .seconds(lowSpeedSeconds))
        }
        // libcurl rounds its clock to milliseconds and may fire a hair early, hence the slack.
        if elapsed + .milliseconds(100) >= request.totalTimeout || request.connectTimeout >= request.totalTimeout {
            return .deadline(request.totalTimeout)
        }
        return .connectTimeout(request.connectTimeout)
    }
}
