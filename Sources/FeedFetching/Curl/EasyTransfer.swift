internal import CCurl
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One libcurl easy handle configured for one `FetchRequest`, plus the response its callbacks collect.
///
/// It owns the `CURL*`, its header list and error buffer, and frees them in `deinit`. libcurl gets an unretained
/// pointer to it, so it must outlive the transfer: `FeedFetcher` keeps it on the stack around
/// `curl_easy_perform`; a multi handle must keep it in its table until `CURLMSG_DONE` and call `complete(_:)`.
/// Not thread-safe: the thread (or serial queue) that drives the transfer owns it, and libcurl runs the callbacks
/// on that same thread, which never call back into libcurl.
final class EasyTransfer {
    let request: FetchRequest

    /// The easy handle, for `curl_multi_add_handle`; its `CURLOPT_PRIVATE` points back at this object.
    let handle: UnsafeMutableRawPointer

    /// The request URL's scheme, lower-cased.
    let scheme: String

    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var requestHeaders: UnsafeMutablePointer<curl_slist>?

    private var body: [UInt8] = []
    private var bodyOverflowed = false
    /// Headers of the response being received; cleared by each status line, so the last response's remain.
    private var responseHeaders: [FetchResponse.Header] = []
    /// Final (non-1xx) statuses in the order received: the followed redirects, then the last response.
    private var responseStatuses: [Int] = []
    /// The first address the SSRF guard refused, to tell a refusal from an ordinary connect failure.
    private var refusedAddress: String?
    /// Why the guard refused a redirect by its name before libcurl followed it (only with a proxy).
    private var refusedRedirect: FetchError.Kind?
    /// The status of the response whose headers are arriving.
    private var currentStatus = 0

    /// When the transfer was set up: a timeout before `totalTimeout` has passed is the connect timeout's.
    private let startedAt = ContinuousClock.now
    /// `lowSpeedTime` rounded up to the whole seconds libcurl counts.
    private let lowSpeedSeconds: Int
    /// The proxies libcurl may send this transfer through; with any, targets are checked by name first.
    private let proxies: ProxyEnvironment
    /// The proxies' addresses, resolved the first time the guard meets a non-public address.
    private var proxyAddresses: Set<String>?
    /// The request URL's origin, the one `allowPrivateRequestHost` exempts.
    private let requestOrigin: URLOrigin?

    /// Validates the request and configures a new easy handle for it; nothing is sent yet.
    ///
    /// With a proxy (`proxies`, by default this process's environment) the request's host is resolved and checked
    /// here, blocking, because the guard at connect time only sees the proxy's address.
    init(request: FetchRequest, proxies: ProxyEnvironment = .current()) throws(FetchError) {
        let scheme = try Self.scheme(of: request)
        let requestOrigin = URLOrigin.parse(request.url)?.origin
        if !proxies.isEmpty, let requestOrigin,
            let refusal = Self.refusalThroughProxy(
                request.url, origin: requestOrigin, request: request, requestOrigin: requestOrigin, isRedirect: false)
        {
            throw FetchError(url: request.url, kind: refusal)
        }
        guard CurlGlobal.ensureInitialized() else {
            throw FetchError(url: request.url, kind: .other(message: "libcurl could not be initialised"))
        }
        guard let handle = curl_easy_init() else {
            throw FetchError(url: request.url, kind: .other(message: "libcurl could not create a transfer"))
        }
        self.request = request
        self.handle = handle
        self.scheme = scheme
        self.proxies = proxies
        self.requestOrigin = requestOrigin
        self.lowSpeedSeconds = (Self.milliseconds(request.lowSpeedTime) + 999) / 1000
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        // From here on deinit frees everything, also when configuring fails.
        try configure()
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(requestHeaders)
        errorBuffer.deallocate()
    }

    /// Recovers the transfer that owns `handle`, e.g. from a `CURLMsg` of the multi handle.
    static func owner(of handle: UnsafeMutableRawPointer) -> EasyTransfer? {
        var pointer: UnsafeMutableRawPointer?
        guard ccurl_easy_getinfo_pointer(handle, CURLINFO_PRIVATE, &pointer) == CURLE_OK, let pointer else {
            return nil
        }
        return Unmanaged<EasyTransfer>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Runs the whole transfer on the calling thread, blocking until it ends.
    func perform() -> Result<FetchResponse, FetchError> {
        complete(curl_easy_perform(handle))
    }

    /// Turns the transfer's result code into the response or the error; call once, after the transfer ended.
    func complete(_ code: CURLcode) -> Result<FetchResponse, FetchError> {
        if code == CURLE_OK {
            return .success(makeResponse())
        }
        return .failure(FetchError(url: request.url, kind: errorKind(for: code)))
    }

    // MARK: - Configuration

    /// The request URL's scheme, after checking that libcurl can parse the URL and that the scheme is allowed.
    private static func scheme(of request: FetchRequest) throws(FetchError) -> String {
        // libcurl sees a C string, which would silently end at an embedded NUL.
        guard !request.url.utf8.contains(0) else {
            throw FetchError(url: request.url, kind: .invalidURL(message: "NUL byte in URL"))
        }
        guard let parsed = curl_url() else {
            throw FetchError(url: request.url, kind: .other(message: "out of memory"))
        }
        defer { curl_url_cleanup(parsed) }
        // NON_SUPPORT_SCHEME: parse any scheme, so that ftp:// is "unsupported" rather than "invalid".
        let status = curl_url_set(parsed, CURLUPART_URL, request.url, UInt32(CURLU_NON_SUPPORT_SCHEME))
        guard status == CURLUE_OK else {
            let message = curl_url_strerror(status).map { String(cString: $0) } ?? "unparsable"
            throw FetchError(url: request.url, kind: .invalidURL(message: message))
        }
        var part: UnsafeMutablePointer<CChar>?
        guard curl_url_get(parsed, CURLUPART_SCHEME, &part, 0) == CURLUE_OK, let part else {
            throw FetchError(url: request.url, kind: .invalidURL(message: "no scheme"))
        }
        defer { curl_free(part) }
        let scheme = String(cString: part).lowercased()
        switch scheme {
        case "http", "https":
            return scheme
        case "file" where request.allowFileURL:
            return scheme
        default:
            throw FetchError(url: request.url, kind: .unsupportedScheme(scheme))
        }
    }

    private func configure() throws(FetchError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_PRIVATE, context), "PRIVATE")
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")
        try setLong(CURLOPT_NOSIGNAL, 1, "NOSIGNAL")
        try check(ccurl_easy_setopt_string(handle, CURLOPT_URL, request.url), "URL")
        try setLong(CURLOPT_HTTPGET, 1, "HTTPGET")

        // Protocols: file only for a file request, and a redirect only ever to http(s).
        let protocols = scheme == "file" ? "file" : "http,https"
        try check(ccurl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, protocols), "PROTOCOLS_STR")
        try check(ccurl_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"), "REDIR_PROTOCOLS_STR")
        try setLong(CURLOPT_FOLLOWLOCATION, 1, "FOLLOWLOCATION")
        try setLong(CURLOPT_MAXREDIRS, max(0, request.maxRedirects), "MAXREDIRS")
        try setLong(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS, "HTTP_VERSION")
        // An https fetch through a proxy would otherwise hand the proxy's "200 Connection established" to the
        // header callback as if it were a response.
        try setLong(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1, "SUPPRESS_CONNECT_HEADERS")
        // "" offers every encoding this libcurl decodes (gzip, deflate, br, zstd on Debian 12).
        try check(ccurl_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""), "ACCEPT_ENCODING")
        try check(ccurl_easy_setopt_string(handle, CURLOPT_USERAGENT, request.userAgent), "USERAGENT")

        try setLong(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(request.connectTimeout), "CONNECTTIMEOUT_MS")
        try setLong(CURLOPT_TIMEOUT_MS, Self.milliseconds(request.totalTimeout), "TIMEOUT_MS")
        // The low-speed check runs from the request on, headers included: a server that trickles its status line
        // or its headers is caught as surely as one that trickles its body.
        try setLong(CURLOPT_LOW_SPEED_LIMIT, max(0, request.lowSpeedLimit), "LOW_SPEED_LIMIT")
        try setLong(CURLOPT_LOW_SPEED_TIME, lowSpeedSeconds, "LOW_SPEED_TIME")
        // Refuse early on a declared Content-Length. It counts encoded bytes, which deflate may make slightly
        // larger than the decoded body, so allow that slack; the write callback enforces the exact cap.
        let cap = max(0, request.maxBodyBytes)
        let encodedCap = cap + cap / 256 + 1024
        try check(ccurl_easy_setopt_off(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(encodedCap)), "MAXFILESIZE")

        for line in requestHeaderLines() {
            guard let appended = curl_slist_append(requestHeaders, line) else {
                throw FetchError(url: request.url, kind: .other(message: "out of memory"))
            }
            requestHeaders = appended
        }
        try check(ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, requestHeaders), "HTTPHEADER")

        try check(
            ccurl_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                guard let context else {
                    return 0
                }
                let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
                return Unmanaged<EasyTransfer>.fromOpaque(context).takeUnretainedValue().receiveBody(bytes)
            },
            "WRITEFUNCTION"
        )
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context), "WRITEDATA")
        try check(
            ccurl_easy_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                guard let context else {
                    return 0
                }
                let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
                return Unmanaged<EasyTransfer>.fromOpaque(context).takeUnretainedValue().receiveHeader(bytes)
            },
            "HEADERFUNCTION"
        )
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context), "HEADERDATA")
        try check(
            ccurl_easy_setopt_opensocket_callback(handle) { context, _, address in
                guard let context, let address else {
                    return CURL_SOCKET_BAD
                }
                return Unmanaged<EasyTransfer>.fromOpaque(context).takeUnretainedValue().openSocket(address)
            },
            "OPENSOCKETFUNCTION"
        )
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_OPENSOCKETDATA, context), "OPENSOCKETDATA")
    }

    /// Accept and the conditional-GET validators; a validator that could smuggle in a header line is dropped.
    private func requestHeaderLines() -> [String] {
        var lines = [
            "Accept: application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
                + "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
        ]
        func isSafe(_ value: String) -> Bool {
            !value.isEmpty && !value.utf8.contains { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") || $0 == 0 }
        }
        if let etag = request.etag, isSafe(etag) {
            lines.append("If-None-Match: \(etag)")
        }
        if let lastModified = request.lastModified, isSafe(lastModified) {
            lines.append("If-Modified-Since: \(lastModified)")
        }
        return lines
    }

    private func setLong(_ option: CURLoption, _ value: Int, _ name: String) throws(FetchError) {
        try check(ccurl_easy_setopt_long(handle, option, value), name)
    }

    private func check(_ code: CURLcode, _ option: String) throws(FetchError) {
        guard code == CURLE_OK else {
            let message = "libcurl refused CURLOPT_\(option): \(String(cString: curl_easy_strerror(code)))"
            throw FetchError(url: request.url, kind: .other(message: message))
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else {
            return 0
        }
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        return overflow ? Int.max : Int(whole) + Int(attoseconds / 1_000_000_000_000_000)
    }

    // MARK: - Callbacks (run by libcurl on the driving thread)

    /// Appends decoded body bytes; returning less than the count makes libcurl abort with CURLE_WRITE_ERROR.
    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard bytes.count <= request.maxBodyBytes - body.count else {
            bodyOverflowed = true
            return 0
        }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    /// Collects one header line; a status line starts a new response and discards the previous one's headers.
    private func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        var line = bytes[...]
        while let last = line.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: "\n") {
            line = line.dropLast()
        }
        if line.isEmpty {
            // The end of a response's headers: before libcurl follows a redirect through a proxy, check where to.
            if let refusal = redirectRefusalThroughProxy() {
                refusedRedirect = refusal
                return 0
            }
        } else if line.starts(with: "HTTP/".utf8) {
            responseHeaders.removeAll(keepingCapacity: true)
            currentStatus = Self.statusCode(ofStatusLine: line) ?? 0
            if currentStatus >= 200 {
                responseStatuses.append(currentStatus)
            }
        } else if let first = line.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            // Obsolete line folding continues the previous header's value.
            if !responseHeaders.isEmpty {
                let continuation = HeaderFieldParser.trimmed(Substring(String(decoding: line, as: UTF8.self)))
                responseHeaders[responseHeaders.count - 1].value += " " + continuation
            }
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self)
            responseHeaders.append(FetchResponse.Header(name: name, value: HeaderFieldParser.trimmed(Substring(value))))
        }
        return bytes.count
    }

    /// "HTTP/1.1 301 Moved Permanently" or "HTTP/2 200" → the status code.
    private static func statusCode(ofStatusLine line: Slice<UnsafeRawBufferPointer>) -> Int? {
        guard let space = line.firstIndex(of: UInt8(ascii: " ")) else {
            return nil
        }
        var code = 0
        var digits = 0
        for byte in line[(space + 1)...] {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else {
                break
            }
            code = code * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
            if digits == 3 {
                break
            }
        }
        return digits == 3 ? code : nil
    }

    /// Through a proxy, why the redirect whose headers just ended must not be followed; nil when it may be.
    private func redirectRefusalThroughProxy() -> FetchError.Kind? {
        guard !proxies.isEmpty, !request.allowPrivateAddresses, (300..<400).contains(currentStatus),
            currentStatus != 304, let location = responseHeaders.first(where: { $0.name == "location" })?.value,
            let target = URLOrigin.parse(location, relativeTo: infoString(CURLINFO_EFFECTIVE_URL) ?? request.url)
        else {
            return nil
        }
        return Self.refusalThroughProxy(
            target.url, origin: target.origin, request: request, requestOrigin: requestOrigin, isRedirect: true)
    }

    /// Resolves a target's host and says why it is refused, nil when it may be fetched.
    ///
    /// Through a proxy the open-socket guard sees only the proxy's address, so the target is checked by name
    /// before anything is sent. A name that does not resolve here is refused too: only the proxy would know
    /// where it leads. (The proxy resolves it again, so a name that changes its answer in between gets past;
    /// `allow_private_addresses` is for networks where that matters less than the proxy's own DNS.)
    private static func refusalThroughProxy(
        _ url: String, origin: URLOrigin, request: FetchRequest, requestOrigin: URLOrigin?, isRedirect: Bool
    ) -> FetchError.Kind? {
        guard !request.allowPrivateAddresses, origin.scheme == "http" || origin.scheme == "https" else {
            return nil
        }
        if request.allowPrivateRequestHost && origin == requestOrigin {
            return nil
        }
        switch AddressPolicy.resolve(origin.host) {
        case .failed(let reason):
            return .dns(message: "cannot resolve \(origin.host) to check it before using the proxy: \(reason)")
        case .resolved(let addresses):
            guard let refused = AddressPolicy.firstRefused(addresses) else {
                return nil
            }
            return isRedirect ? .blockedRedirect(location: url, address: refused) : .blockedAddress(refused)
        }
    }

    /// The SSRF guard: opens the socket only for an allowed address, so a refused one is never connected to.
    ///
    /// It runs after name resolution for every address libcurl tries, including each redirect's, which defeats
    /// names that resolve (or re-resolve) to private addresses.
    private func openSocket(_ address: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        let family = address.pointee.family
        if !request.allowPrivateAddresses {
            guard let offset = MemoryLayout<curl_sockaddr>.offset(of: \curl_sockaddr.addr) else {
                return CURL_SOCKET_BAD
            }
            // The sockaddr continues past curl_sockaddr's 16-byte field (sockaddr_in6 is 28), so read it in place.
            let socketAddress = UnsafeRawPointer(address).advanced(by: offset)
            if let refused = AddressPolicy.refusedAddress(socketAddress, family: family), !isExempt(refused) {
                if refusedAddress == nil {
                    refusedAddress = refused
                }
                return CURL_SOCKET_BAD
            }
        }
        return socket(family, address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue), address.pointee.protocol)
    }

    /// Whether a non-public address may be connected to all the same: a proxy's, or the owner's typed host's.
    private func isExempt(_ address: String) -> Bool {
        if request.allowPrivateRequestHost, let requestOrigin,
            let hop = infoString(CURLINFO_EFFECTIVE_URL), URLOrigin.parse(hop)?.origin == requestOrigin
        {
            return true
        }
        guard !proxies.isEmpty else {
            return false
        }
        if proxyAddresses == nil {
            proxyAddresses = proxies.addresses()
        }
        return proxyAddresses?.contains(address) ?? false
    }

    // MARK: - Results

    private func makeResponse() -> FetchResponse {
        let redirectCount = max(0, infoLong(CURLINFO_REDIRECT_COUNT))
        let followed = responseStatuses.prefix(redirectCount)
        let permanent =
            redirectCount > 0 && followed.count == redirectCount && followed.allSatisfy { $0 == 301 || $0 == 308 }
        func first(_ name: String) -> String? {
            responseHeaders.first { $0.name == name }?.value
        }
        let (mediaType, charset) = first("content-type").map(HeaderFieldParser.contentType) ?? (nil, nil)
        // Retry-After's delta-seconds count from when the response arrived; the transfer has just ended.
        let receivedAt = Date()
        return FetchResponse(
            status: scheme == "file" ? 200 : infoLong(CURLINFO_RESPONSE_CODE),
            finalURL: infoString(CURLINFO_EFFECTIVE_URL) ?? request.url,
            redirectCount: redirectCount,
            permanentRedirect: permanent,
            etag: first("etag"),
            lastModified: first("last-modified"),
            cacheMaxAge: first("cache-control").flatMap(HeaderFieldParser.maxAge),
            expires: first("expires").flatMap { HTTPDate.parse($0, now: receivedAt) },
            retryAfter: first("retry-after").flatMap { HeaderFieldParser.retryAfter($0, receivedAt: receivedAt) },
            contentType: mediaType,
            charset: charset,
            headers: scheme == "file" ? [] : responseHeaders,
            body: body,
            timings: FetchTimings(
                nameLookup: infoSeconds(CURLINFO_NAMELOOKUP_TIME_T),
                connect: infoSeconds(CURLINFO_CONNECT_TIME_T),
                firstByte: infoSeconds(CURLINFO_STARTTRANSFER_TIME_T),
                total: infoSeconds(CURLINFO_TOTAL_TIME_T)
            )
        )
    }

    private func errorKind(for code: CURLcode) -> FetchError.Kind {
        let message = errorMessage(for: code)
        switch code {
        case CURLE_WRITE_ERROR where refusedRedirect != nil:
            return refusedRedirect ?? .other(message: message)
        case CURLE_WRITE_ERROR where bodyOverflowed, CURLE_FILESIZE_EXCEEDED:
            return .tooLarge(limit: request.maxBodyBytes)
        case CURLE_TOO_MANY_REDIRECTS:
            return .tooManyRedirects(limit: request.maxRedirects)
        case CURLE_UNSUPPORTED_PROTOCOL:
            // The request's own scheme was checked up front, so this is a redirect to a refused scheme.
            if let location = infoString(CURLINFO_REDIRECT_URL)
                ?? responseHeaders.first(where: { $0.name == "location" })?.value
            {
                return .forbiddenRedirect(location: location)
            }
            return .other(message: message)
        case CURLE_URL_MALFORMAT:
            return .invalidURL(message: message)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .dns(message: message)
        case CURLE_COULDNT_CONNECT:
            if let refusedAddress {
                // A response came before this connection, so it was for a redirect: name where it led.
                if !responseStatuses.isEmpty, let hop = infoString(CURLINFO_EFFECTIVE_URL) {
                    return .blockedRedirect(location: hop, address: refusedAddress)
                }
                return .blockedAddress(refusedAddress)
            }
            return .connect(message: message)
        case CURLE_OPERATION_TIMEDOUT:
            return timeoutKind(message: message)
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
    private func timeoutKind(message: String) -> FetchError.Kind {
        // libcurl's low-speed abort has said "Operation too slow. Less than N bytes/sec transferred the last N
        // seconds" since the option exists; the other two are told apart by the time that has passed.
        if message.hasPrefix("Operation too slow") {
            return .tooSlow(bytesPerSecond: request.lowSpeedLimit, duration: .seconds(lowSpeedSeconds))
        }
        // libcurl rounds its clock to milliseconds and may fire a hair early, hence the slack.
        let elapsed = ContinuousClock.now - startedAt + .milliseconds(100)
        if elapsed >= request.totalTimeout || request.connectTimeout >= request.totalTimeout {
            return .deadline(request.totalTimeout)
        }
        return .connectTimeout(request.connectTimeout)
    }

    /// libcurl's detailed message from the error buffer, or its generic one for the code.
    private func errorMessage(for code: CURLcode) -> String {
        if errorBuffer.pointee != 0 {
            return String(cString: errorBuffer)
        }
        return String(cString: curl_easy_strerror(code))
    }

    private func infoLong(_ info: CURLINFO) -> Int {
        var value = 0
        return ccurl_easy_getinfo_long(handle, info, &value) == CURLE_OK ? value : 0
    }

    private func infoString(_ info: CURLINFO) -> String? {
        var value: UnsafePointer<CChar>?
        guard ccurl_easy_getinfo_string(handle, info, &value) == CURLE_OK, let value else {
            return nil
        }
        return String(cString: value)
    }

    /// A `*_TIME_T` info (microseconds) in seconds.
    private func infoSeconds(_ info: CURLINFO) -> Double {
        var value: curl_off_t = 0
        return ccurl_easy_getinfo_off(handle, info, &value) == CURLE_OK ? Double(value) / 1_000_000 : 0
    }
}
