import Foundation

/// The outcome of a transfer that completed at the HTTP level, whatever its status.
///
/// `FeedFetcher.fetchOnce` returns 4xx and 5xx responses rather than throwing, because the caller needs their
/// headers (`Retry-After` on 429 and 503) to schedule the next attempt; call `requireSuccess()` to turn anything
/// but 2xx and 304 into `FetchError.Kind.httpStatus`. Header-derived fields describe the last response of a
/// redirect chain only. A `file://` fetch reports status 200 and no HTTP headers.
public struct FetchResponse: Sendable, Equatable {
    /// One response header line; the name is lower-cased, the value has surrounding whitespace removed.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The final response's status code (200 for a file read).
    public var status: Int

    /// The URL of the final response, after redirects.
    public var finalURL: String

    /// How many redirects were followed.
    public var redirectCount: Int

    /// True when at least one redirect was followed and every one was permanent (301 or 308).
    ///
    /// Only then may the caller replace the subscription's URL with `finalURL`; a temporary hop anywhere in the
    /// chain means the old URL stays authoritative.
    public var permanentRedirect: Bool

    /// The `ETag` header, verbatim (quotes and `W/` kept), to send back as `If-None-Match`.
    public var etag: String?

    /// The `Last-Modified` header, verbatim, to send back as `If-Modified-Since`.
    public var lastModified: String?

    /// The `max-age` directive of `Cache-Control` in seconds, when present and well-formed.
    public var cacheMaxAge: Int?

    /// The `Expires` header's HTTP-date; nil when it is absent or not an HTTP-date (such as "0").
    public var expires: Date?

    /// The moment the `Retry-After` header asks to wait until: its delta-seconds counted from the moment the
    /// response was read, or its HTTP-date; nil when it is absent or neither.
    public var retryAfter: Date?

    /// The media type of `Content-Type`, lower-cased, without parameters (`application/rss+xml`).
    public var contentType: String?

    /// The `charset` parameter of `Content-Type`, lower-cased and unquoted.
    public var charset: String?

    /// Every header of the final response, in order.
    public var headers: [Header]

    /// The body after content decoding (gzip, deflate, br, zstd), at most `FetchRequest.maxBodyBytes` long.
    public var body: [UInt8]

    public var timings: FetchTimings

    /// The `Content-Location` header, verbatim: the parser's base for relative links when it is present.
    public var contentLocation: String? { header("content-location") }

    /// True for 304 Not Modified: the caller's cached copy is current and `body` is empty.
    public var isNotModified: Bool { status == 304 }

    public init(
        status: Int,
        finalURL: String,
        redirectCount: Int = 0,
        permanentRedirect: Bool = false,
        etag: String? = nil,
        lastModified: String? = nil,
        cacheMaxAge: Int? = nil,
        expires: Date? = nil,
        retryAfter: Date? = nil,
        contentType: String? = nil,
        charset: String? = nil,
        headers: [Header] = [],
        body: [UInt8] = [],
        timings: FetchTimings = FetchTimings()
    ) {
        self.status = status
        self.finalURL = finalURL
        self.redirectCount = redirectCount
        self.permanentRedirect = permanentRedirect
        self.etag = etag
        self.lastModified = lastModified
        self.cacheMaxAge = cacheMaxAge
        self.expires = expires
        self.retryAfter = retryAfter
        self.contentType = contentType
        self.charset = charset
        self.headers = headers
        self.body = body
        self.timings = timings
    }

    /// The value of the first header named `name` (compared case-insensitively), if any.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name == wanted }?.value
    }

    /// Returns the response when its status is 2xx or 304, and throws `httpStatus` naming `url` otherwise.
    ///
    /// - Parameter url: the URL to name in the error, usually the request's; `finalURL` when nil.
    public func requireSuccess(url: String? = nil) throws(FetchError) -> FetchResponse {
        if (200..<300).contains(status) || status == 304 {
            return self
        }
        throw FetchError(url: url ?? finalURL, kind: .httpStatus(status))
    }
}
