internal import CCurl

/// One libcurl easy handle that sends one `HTTPPost`, with the header list and error buffer it needs.
///
/// It owns the `CURL*`, the header `curl_slist` and the error buffer, and frees them in `deinit`. libcurl gets an
/// unretained pointer to it for the read, write and header callbacks, so it must outlive `perform()`, which it does
/// as a local of `HTTPPost.perform`. Not thread-safe: the thread that calls `perform()` owns it, and libcurl runs the
/// callbacks on that thread.
final class PostTransfer {
    private let post: HTTPPost
    /// The post's limits as a `FetchRequest`, so that `CurlFailureKind` reads a failure as it does a fetch's.
    private let request: FetchRequest
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var requestHeaders: UnsafeMutablePointer<curl_slist>?
    private let startedAt = ContinuousClock.now

    /// How much of the body the read callback has handed to libcurl.
    private var sent = 0
    private var responseBody: [UInt8] = []
    private var responseTruncated = false
    /// The status of the last response whose status line arrived (a 100 Continue is followed by the real one).
    private var lastStatus = 0

    /// Validates the URL and headers and configures a new easy handle; nothing is sent yet.
    init(post: HTTPPost) throws(FetchError) {
        let request = FetchRequest(
            url: post.url, userAgent: post.userAgent, maxBodyBytes: max(0, post.maxResponseBytes),
            connectTimeout: post.connectTimeout, totalTimeout: post.totalTimeout, lowSpeedLimit: 0,
            lowSpeedTime: .zero, maxRedirects: 0)
        // http and https only: the same URL checks as a fetch's, without file://.
        _ = try EasyTransfer.scheme(of: request)
        for line in post.headers
        where line.utf8.contains(where: { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") || $0 == 0 }) {
            let name = line.prefix { $0 != ":" && $0 != "\r" && $0 != "\n" }
            throw FetchError(url: post.url, kind: .other(message: "request header '\(name)' contains a line break"))
        }
        guard CurlGlobal.ensureInitialized() else {
            throw FetchError(url: post.url, kind: .other(message: "libcurl could not be initialised"))
        }
        guard let handle = curl_easy_init() else {
            throw FetchError(url: post.url, kind: .other(message: "libcurl could not create a transfer"))
        }
        self.post = post
        self.request = request
        self.handle = handle
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

    /// Runs the whole exchange on the calling thread, blocking until it ends.
    func perform() throws(FetchError) -> HTTPPostResponse {
        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else {
            let message =
                errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
            let failure = CurlFailureKind(
                code: code, message: message, request: request, refusedRedirect: nil, bodyOverflowed: false,
                redirectLocation: nil, refusedAddress: nil, hadResponse: lastStatus >= 200, effectiveURL: nil,
                elapsed: ContinuousClock.now - startedAt, lowSpeedSeconds: 0)
            throw FetchError(url: post.url, kind: failure.kind)
        }
        var status = 0
        _ = ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPPostResponse(status: status, body: responseBody, bodyTruncated: responseTruncated)
    }

    // MARK: - Configuration

    private func configure() throws(FetchError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")
        try setLong(CURLOPT_NOSIGNAL, 1, "NOSIGNAL")
        try check(ccurl_easy_setopt_string(handle, CURLOPT_URL, post.url), "URL")
        try check(ccurl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"), "PROTOCOLS_STR")
        // A redirect would turn the POST into a GET, or resend the body (and its signature) somewhere else.
        try setLong(CURLOPT_FOLLOWLOCATION, 0, "FOLLOWLOCATION")
        try check(ccurl_easy_setopt_string(handle, CURLOPT_USERAGENT, post.userAgent), "USERAGENT")
        try setLong(
            CURLOPT_CONNECTTIMEOUT_MS, EasyTransfer.milliseconds(post.connectTimeout), "CONNECTTIMEOUT_MS")
        try setLong(CURLOPT_TIMEOUT_MS, EasyTransfer.milliseconds(post.totalTimeout), "TIMEOUT_MS")

        try setLong(CURLOPT_POST, 1, "POST")
        try check(
            ccurl_easy_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(post.body.count)), "POSTFIELDSIZE")
        try check(
            ccurl_easy_setopt_data_callback(handle, CURLOPT_READFUNCTION) { buffer, size, count, context in
                guard let buffer, let context else {
                    return Int(CURL_READFUNC_ABORT)
                }
                let destination = UnsafeMutableRawBufferPointer(start: buffer, count: size * count)
                return Unmanaged<PostTransfer>.fromOpaque(context).takeUnretainedValue().read(into: destination)
            },
            "READFUNCTION"
        )
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_READDATA, context), "READDATA")

        var lines = post.headers
        // libcurl would announce a large body with "Expect: 100-continue" and wait a second for a server that
        // ignores it; and without a type of the caller's it would call the body a form.
        lines.append("Expect:")
        if !post.headers.contains(where: { $0.lowercased().hasPrefix("content-type:") }) {
            lines.append("Content-Type:")
        }
        guard CurlStringList.append(lines, to: &requestHeaders) else {
            throw FetchError(url: post.url, kind: .other(message: "out of memory"))
        }
        try check(ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, requestHeaders), "HTTPHEADER")

        try check(
            ccurl_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                guard let context else {
                    return 0
                }
                let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
                return Unmanaged<PostTransfer>.fromOpaque(context).takeUnretainedValue().receiveBody(bytes)
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
                return Unmanaged<PostTransfer>.fromOpaque(context).takeUnretainedValue().receiveHeader(bytes)
            },
            "HEADERFUNCTION"
        )
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context), "HEADERDATA")
    }

    private func setLong(_ option: CURLoption, _ value: Int, _ name: String) throws(FetchError) {
        try check(ccurl_easy_setopt_long(handle, option, value), name)
    }

    private func check(_ code: CURLcode, _ option: String) throws(FetchError) {
        guard code == CURLE_OK else {
            let message = "libcurl refused CURLOPT_\(option): \(String(cString: curl_easy_strerror(code)))"
            throw FetchError(url: post.url, kind: .other(message: message))
        }
    }

    // MARK: - Callbacks (run by libcurl on the calling thread)

    /// Copies the next bytes of the body into libcurl's buffer; 0 tells it the body is complete.
    private func read(into destination: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(destination.count, post.body.count - sent)
        guard count > 0 else {
            return 0
        }
        post.body[sent..<(sent + count)].withUnsafeBytes { source in
            destination.copyMemory(from: source)
        }
        sent += count
        return count
    }

    /// Keeps the body up to the cap and drops the rest; it always claims every byte, so the transfer goes on.
    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        let room = max(0, request.maxBodyBytes - responseBody.count)
        if bytes.count > room {
            responseTruncated = true
        }
        responseBody.append(contentsOf: bytes.prefix(room))
        return bytes.count
    }

    /// Notes each status line, so a failure after a response is not mistaken for one before it.
    private func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        if bytes.starts(with: "HTTP/".utf8), let status = EasyTransfer.statusCode(ofStatusLine: bytes[...]) {
            lastStatus = status
            if status >= 200 {
                // The body of an interim 1xx response is nothing; a final response's body starts afresh.
                responseBody.removeAll(keepingCapacity: true)
                responseTruncated = false
            }
        }
        return bytes.count
    }
}
