import Logging

/// Fetches feeds over HTTP(S) (and local files when a request allows it) with libcurl.
///
/// `fetchOnce` is blocking and may be called from any thread, several at once: each call has its own libcurl
/// handle. The first use initialises libcurl process-wide and sets SIGPIPE to be ignored, which libcurl needs
/// once signals are off for its timeouts (`CURLOPT_NOSIGNAL`). Proxies come from the environment
/// (`http_proxy`, `https_proxy`, `all_proxy`, `no_proxy`), as libcurl reads them; with one, the SSRF guard resolves
/// the target's host (and each redirect's) itself, blocking, before the request goes to the proxy.
public struct FeedFetcher: Sendable {
    public var logger: Logger

    /// Creates a fetcher that logs each fetch at debug level; without a logger, nothing is logged.
    public init(logger: Logger = Logger(label: "feedd.fetch", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.logger = logger
    }

    /// Performs one transfer, following redirects, and returns the final response whatever its status.
    ///
    /// Throws `FetchError` for anything that prevents a complete response: an invalid or unsupported URL, DNS,
    /// connect, TLS, the connect timeout, the deadline or the low-speed limit, a body over `maxBodyBytes`, too many or forbidden redirects, or an address the
    /// SSRF guard refuses. HTTP error statuses are returned; `FetchResponse.requireSuccess(url:)` turns them into
    /// errors.
    public func fetchOnce(_ request: FetchRequest) throws(FetchError) -> FetchResponse {
        let transfer = try EasyTransfer(request: request)
        let result = transfer.perform()
        switch transfer.continuation() {
        case .success(let next):
            logger.debug("redirect to another origin", metadata: ["url": "\(request.url)", "to": "\(next.url)"])
            return try fetchOnce(next)
        case .failure(let error):
            throw error
        case nil:
            break
        }
        switch result {
        case .success(let response):
            logger.debug(
                "fetched",
                metadata: [
                    "url": "\(request.url)",
                    "status": "\(response.status)",
                    "final_url": "\(response.finalURL)",
                    "bytes": "\(response.body.count)",
                    "seconds": "\(response.timings.total)",
                ]
            )
            return response
        case .failure(let error):
            logger.debug("fetch failed", metadata: ["url": "\(request.url)", "error": "\(error)"])
            throw error
        }
    }
}
