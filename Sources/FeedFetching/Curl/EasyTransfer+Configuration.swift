internal import CCurl

/// Setting up the easy handle: the URL and scheme checks, limits, headers and the callbacks.
extension EasyTransfer {
    /// The request URL's scheme, after checking that libcurl can parse the URL and that the scheme is allowed.
    static func scheme(of request: FetchRequest) throws(FetchError) -> String {
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

    func configure() throws(FetchError) {
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

        try configureOwnerOptions()

        guard CurlStringList.append(requestHeaderLines(), to: &requestHeaders) else {
            throw FetchError(url: request.url, kind: .other(message: "out of memory"))
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
    func requestHeaderLines() -> [String] {
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
        // The configuration refuses unsafe names and values; a header that got past it anyway is not sent.
        for header in request.headers where FetchRequest.isSafeHeader(name: header.name, value: header.value) {
            lines.append("\(header.name): \(header.value)")
        }
        return lines
    }

    /// The options an owner set for one feed: Basic credentials, a read-only cookie file, a proxy.
    func configureOwnerOptions() throws(FetchError) {
        if let username = request.username {
            try check(ccurl_easy_setopt_string(handle, CURLOPT_USERNAME, username), "USERNAME")
            try check(ccurl_easy_setopt_string(handle, CURLOPT_PASSWORD, request.password ?? ""), "PASSWORD")
        }
        if let cookieFile = request.cookieFile {
            // COOKIEFILE alone reads the file; without COOKIEJAR nothing is ever written back to it.
            try check(ccurl_easy_setopt_string(handle, CURLOPT_COOKIEFILE, cookieFile), "COOKIEFILE")
        }
        if let proxy = request.proxy {
            try check(ccurl_easy_setopt_string(handle, CURLOPT_PROXY, proxy), "PROXY")
            // The environment's no_proxy must not send this feed around the proxy its owner chose.
            try check(ccurl_easy_setopt_string(handle, CURLOPT_NOPROXY, ""), "NOPROXY")
        }
    }

    func setLong(_ option: CURLoption, _ value: Int, _ name: String) throws(FetchError) {
        try check(ccurl_easy_setopt_long(handle, option, value), name)
    }

    func check(_ code: CURLcode, _ option: String) throws(FetchError) {
        guard code == CURLE_OK else {
            let message = "libcurl refused CURLOPT_\(option): \(String(cString: curl_easy_strerror(code)))"
            throw FetchError(url: request.url, kind: .other(message: message))
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else {
            return 0
        }
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        return overflow ? Int.max : Int(whole) + Int(attoseconds / 1_000_000_000_000_000)
    }
}
