/// One HTTP POST of a body to a URL the owner configured (a notification's webhook or ntfy topic), sent with libcurl.
///
/// Unlike a feed fetch it follows no redirect (a notification endpoint that moved is a configuration to fix, and a
/// redirect would turn the POST into a GET) and has no SSRF guard: the owner chose this URL, and a webhook on this
/// machine's loopback is legitimate. The response body is read up to `maxResponseBytes` and the rest discarded,
/// since only a person reading an error needs it.
public struct HTTPPost: Sendable {
    /// The target, http:// or https:// only.
    public var url: String
    /// Extra request header lines ("Name: value"), each without a line break.
    public var headers: [String]
    public var body: [UInt8]
    public var userAgent: String
    /// The most time for name resolution and the TCP and TLS handshakes.
    public var connectTimeout: Duration
    /// The most time for the whole exchange, connect included.
    public var totalTimeout: Duration
    /// How much of the response body is kept; the rest is read and dropped, not an error.
    public var maxResponseBytes: Int

    public init(
        url: String,
        headers: [String] = [],
        body: [UInt8],
        userAgent: String = FetchRequest.defaultUserAgent,
        connectTimeout: Duration = .seconds(10),
        totalTimeout: Duration = .seconds(30),
        maxResponseBytes: Int = 64 * 1024
    ) {
        self.url = url
        self.headers = headers
        self.body = body
        self.userAgent = userAgent
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// Sends the request on the calling thread, blocking until the response ended or the exchange failed.
    ///
    /// A response of any status is returned; the caller decides which statuses are success. Call it from a
    /// background queue, never from one that must stay responsive. The first use of libcurl ignores SIGPIPE
    /// process-wide, as `FeedFetcher` does.
    ///
    /// - Throws: `FetchError` naming the URL: an unparsable URL or a scheme other than http and https, a header
    ///   line with a line break, and the transport's failures (DNS, connect, TLS, the two timeouts).
    public func perform() throws(FetchError) -> HTTPPostResponse {
        try PostTransfer(post: self).perform()
    }
}
