import Dispatch
import Logging

/// Fetches many requests at once on one libcurl multi handle, within an overall and a per-host cap.
///
/// All libcurl work happens on one private serial queue (labelled `feedd.fetch.multi`) that owns the multi handle,
/// the waiting line and every transfer; the public methods only hand work to it, so they may be called from any
/// thread or task. Requests beyond the caps wait in submission order, except that a request for a host already at
/// its cap lets later requests for other hosts go first. Connections are reused across requests (HTTP/2
/// multiplexed where offered) until the fetcher goes away. Results are the same as `FeedFetcher.fetchOnce`'s:
/// a response of any status, or a `FetchError`. Releasing the last reference (or calling `shutdown()`) fails the
/// requests still waiting or running with `FetchError.Kind.other` rather than leaving their callers hanging.
public final class MultiFetcher: Sendable {
    /// The caps on transfers in flight.
    public struct Configuration: Sendable, Equatable {
        /// The most transfers in flight at once, over all hosts (`[fetch] concurrency`); below 1 counts as 1.
        public var concurrency: Int
        /// The most transfers in flight at once to one host name, whatever the port (`[fetch] per_host`).
        public var perHost: Int

        public init(concurrency: Int = 16, perHost: Int = 2) {
            self.concurrency = concurrency
            self.perHost = perHost
        }
    }

    public let configuration: Configuration
    /// The queue-confined engine; internal rather than private so tests can watch it go away.
    let driver: CurlMultiDriver

    /// Creates the multi handle; libcurl is initialised on first use. Transfers are logged at debug level.
    public init(
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "feedd.fetch", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.configuration = configuration
        driver = CurlMultiDriver(
            concurrency: configuration.concurrency,
            perHost: configuration.perHost,
            logger: logger
        )
    }

    deinit {
        let driver = driver
        driver.queue.async {
            driver.shutdown()
        }
    }

    /// Queues one request; `completion` gets its result exactly once.
    ///
    /// The completion runs on the fetcher's queue, so it must return quickly and must not wait for another fetch
    /// of this fetcher; it may submit more requests.
    public func fetch(
        _ request: FetchRequest,
        completion: @escaping @Sendable (Result<FetchResponse, FetchError>) -> Void
    ) {
        let driver = driver
        driver.queue.async {
            driver.submit(request, completion: completion)
        }
    }

    /// Fetches one request and returns its result once the transfer ends.
    public func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        await withCheckedContinuation { continuation in
            fetch(request) { result in
                continuation.resume(returning: result)
            }
        }
    }

    /// Fetches all requests under the caps and returns their results in the order of `requests`.
    public func fetchAll(_ requests: [FetchRequest]) async -> [Result<FetchResponse, FetchError>] {
        guard !requests.isEmpty else {
            return []
        }
        return await withCheckedContinuation { continuation in
            let collector = ResultCollector(count: requests.count, continuation: continuation)
            for (index, request) in requests.enumerated() {
                fetch(request) { result in
                    collector.store(result, at: index)
                }
            }
        }
    }

    /// Runs `answer` on the fetcher's queue once that queue gets to it: proof that the queue driving every transfer
    /// is not stuck (the daemon's systemd watchdog pings only then).
    public func ping(_ answer: @escaping @Sendable () -> Void) {
        driver.queue.async(execute: answer)
    }

    /// Fails every waiting and running request and refuses new ones; the fetcher cannot be restarted.
    ///
    /// Returns at once; the failed requests' completions run shortly after on the fetcher's queue.
    public func shutdown() {
        let driver = driver
        driver.queue.async {
            driver.shutdown()
        }
    }
}
