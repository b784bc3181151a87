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

    let errorBuffer: UnsafeMutablePointer<CChar>
    var requestHeaders: UnsafeMutablePointer<curl_slist>?

    var body: [UInt8] = []
    var bodyOverflowed = false
    /// Headers of the response being received; cleared by each status line, so the last response's remain.
    var responseHeaders: [FetchResponse.Header] = []
    /// Final (non-1xx) statuses in the order received: the followed redirects, then the last response.
    var responseStatuses: [Int] = []
    /// The first address the SSRF guard refused, to tell a refusal from an ordinary connect failure.
    var refusedAddress: String?
    /// Why the guard refused a redirect by its name before libcurl followed it (only with a proxy).
    var refusedRedirect: FetchError.Kind?
    /// Where a redirect to another origin led, when the transfer stopped there so that the request's own
    /// credentials and headers are not sent along: `continuation()` is the request that goes on without them.
    var crossOriginRedirect: (location: String, followed: Int)?
    /// The status of the response whose headers are arriving.
    var currentStatus = 0

    /// When the transfer was set up: a timeout before `totalTimeout` has passed is the connect timeout's.
    let startedAt = ContinuousClock.now
    /// `lowSpeedTime` rounded up to the whole seconds libcurl counts.
    let lowSpeedSeconds: Int
    /// The proxies libcurl may send this transfer through; with any, targets are checked by name first.
    let proxies: ProxyEnvironment
    /// The proxies' addresses, resolved the first time the guard meets a non-public address.
    var proxyAddresses: Set<String>?
    /// The request URL's origin, the one `allowPrivateRequestHost` exempts.
    let requestOrigin: URLOrigin?

    /// Validates the request and configures a new easy handle for it; nothing is sent yet.
    ///
    /// With a proxy (`proxies`, by default this process's environment) the request's host is resolved and checked
    /// here, blocking, because the guard at connect time only sees the proxy's address.
    init(request: FetchRequest, proxies environment: ProxyEnvironment = .current()) throws(FetchError) {
        // A feed's own proxy replaces the environment's for its requests.
        let proxies = request.proxy.map { ProxyEnvironment(variables: ["all_proxy": $0]) } ?? environment
        let scheme = try Self.scheme(of: request)
        let requestOrigin = URLOrigin.parse(request.url)?.origin
        if !proxies.isEmpty, let requestOrigin,
            let refusal = Self.refusalThroughProxy(
                request.url, origin: requestOrigin, request: request, requestOrigin: requestOrigin,
                isRedirect: request.chainStart != nil)
        {
            throw FetchError(url: request.chainStart ?? request.url, kind: refusal)
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

    /// The request that goes on where this transfer stopped at a redirect to another origin, without the origin's
    /// credentials and headers (or the error when that redirect is one too many); nil when the transfer ended by
    /// itself. Check it before `complete(_:)`.
    func continuation() -> Result<FetchRequest, FetchError>? {
        guard let stop = crossOriginRedirect else {
            return nil
        }
        let remaining = request.totalTimeout - (ContinuousClock.now - startedAt)
        // libcurl reads a timeout under a millisecond as none at all.
        guard remaining >= .milliseconds(1) else {
            let error = FetchError(url: request.chainStart ?? request.url, kind: .deadline(request.totalTimeout))
            return .failure(error)
        }
        let next = request.continuing(at: stop.location, followed: stop.followed, remaining: remaining)
        guard next.maxRedirects >= 0 else {
            let limit = request.maxRedirects + request.earlierRedirects
            return .failure(FetchError(url: request.chainStart ?? request.url, kind: .tooManyRedirects(limit: limit)))
        }
        return .success(next)
    }

    /// Turns the transfer's result code into the response or the error; call once, after the transfer ended.
    func complete(_ code: CURLcode) -> Result<FetchResponse, FetchError> {
        if code == CURLE_OK {
            return .success(makeResponse())
        }
        let failure = CurlFailureKind(
            code: code, message: errorMessage(for: code), request: request, refusedRedirect: refusedRedirect,
            bodyOverflowed: bodyOverflowed,
            redirectLocation: infoString(CURLINFO_REDIRECT_URL)
                ?? responseHeaders.first(where: { $0.name == "location" })?.value,
            // A request that continues a chain had responses before it: a refused address is a redirect's.
            refusedAddress: refusedAddress, hadResponse: !responseStatuses.isEmpty || request.chainStart != nil,
            effectiveURL: effectiveURL, elapsed: ContinuousClock.now - startedAt,
            lowSpeedSeconds: lowSpeedSeconds)
        return .failure(FetchError(url: request.chainStart ?? request.url, kind: failure.kind))
    }

    // MARK: - Results

    private func makeResponse() -> FetchResponse {
        let ownRedirects = max(0, infoLong(CURLINFO_REDIRECT_COUNT))
        let followed = responseStatuses.prefix(ownRedirects)
        let ownPermanent = followed.count == ownRedirects && followed.allSatisfy { $0 == 301 || $0 == 308 }
        // A request that continues a chain past another origin counts the hops before it as well.
        let redirectCount = ownRedirects + request.earlierRedirects
        let permanent = redirectCount > 0 && ownPermanent && request.earlierRedirectsPermanent
        func first(_ name: String) -> String? {
            responseHeaders.first { $0.name == name }?.value
        }
        let (mediaType, charset) = first("content-type").map(HeaderFieldParser.contentType) ?? (nil, nil)
        // Retry-After's delta-seconds count from when the response arrived; the transfer has just ended.
        let receivedAt = Date()
        return FetchResponse(
            status: scheme == "file" ? 200 : infoLong(CURLINFO_RESPONSE_CODE),
            finalURL: effectiveURL,
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

    /// The URL of the last response; with owner credentials libcurl writes them into it, and they must not travel
    /// on from here (into a moved feed's stored URL, or a log line).
    var effectiveURL: String {
        let url = infoString(CURLINFO_EFFECTIVE_URL) ?? request.url
        return request.username == nil ? url : URLOrigin.removingUserInfo(from: url)
    }

    /// libcurl's detailed message from the error buffer, or its generic one for the code.
    private func errorMessage(for code: CURLcode) -> String {
        if errorBuffer.pointee != 0 {
            return String(cString: errorBuffer)
        }
        return String(cString: curl_easy_strerror(code))
    }

    func infoLong(_ info: CURLINFO) -> Int {
        var value = 0
        return ccurl_easy_getinfo_long(handle, info, &value) == CURLE_OK ? value : 0
    }

    func infoString(_ info: CURLINFO) -> String? {
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
