internal import CCurl

/// The scheme, host and port of a URL as libcurl reads it: what the SSRF guard tells redirect hops apart by.
///
/// The host is lower-cased and an IPv6 literal loses its brackets; the port is the scheme's default when the URL
/// names none, so `http://Example.org/` and `http://example.org:80/x` have the same origin.
struct URLOrigin: Equatable {
    var scheme: String
    var host: String
    var port: Int

    /// Parses `url`, resolved against `base` when it is relative (a redirect's `Location`).
    ///
    /// Returns the absolute URL with its origin, or nil when libcurl cannot parse it or it has no host.
    static func parse(_ url: String, relativeTo base: String? = nil) -> (url: String, origin: URLOrigin)? {
        guard let handle = curl_url() else {
            return nil
        }
        defer { curl_url_cleanup(handle) }
        let flags = UInt32(CURLU_NON_SUPPORT_SCHEME)
        if let base, curl_url_set(handle, CURLUPART_URL, base, flags) != CURLUE_OK {
            return nil
        }
        guard curl_url_set(handle, CURLUPART_URL, url, flags) == CURLUE_OK else {
            return nil
        }
        func part(_ which: CURLUPart, _ flags: UInt32 = 0) -> String? {
            var value: UnsafeMutablePointer<CChar>?
            guard curl_url_get(handle, which, &value, flags) == CURLUE_OK, let value else {
                return nil
            }
            defer { curl_free(value) }
            return String(cString: value)
        }
        guard let absolute = part(CURLUPART_URL), let scheme = part(CURLUPART_SCHEME),
            var host = part(CURLUPART_HOST), !host.isEmpty
        else {
            return nil
        }
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        let port = part(CURLUPART_PORT, UInt32(CURLU_DEFAULT_PORT)).flatMap { Int($0) } ?? 0
        return (absolute, URLOrigin(scheme: scheme.lowercased(), host: host.lowercased(), port: port))
    }

    /// `url` without its `user:password@`, or unchanged when libcurl cannot parse it.
    static func removingUserInfo(from url: String) -> String {
        guard let handle = curl_url() else {
            return url
        }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, url, UInt32(CURLU_NON_SUPPORT_SCHEME)) == CURLUE_OK else {
            return url
        }
        curl_url_set(handle, CURLUPART_USER, nil, 0)
        curl_url_set(handle, CURLUPART_PASSWORD, nil, 0)
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, CURLUPART_URL, &value, 0) == CURLUE_OK, let value else {
            return url
        }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
