import FeedConfig
import FeedStore
import Logging
import Synchronization

/// What the API's handlers work with: the store, the listener's settings, the digests, and the daemon's hooks.
public final class APIEnvironment: Sendable {
    public let gate: StoreGate
    public let settings: APISettings
    public let logger: Logger
    /// Called after a client subscribed to a feed, so the daemon fetches it without waiting for its next tick.
    public let feedsChanged: @Sendable () -> Void
    private let currentConfiguration: Mutex<FeedConfiguration>

    public init(
        gate: StoreGate, settings: APISettings, configuration: FeedConfiguration, logger: Logger,
        feedsChanged: @escaping @Sendable () -> Void = {}
    ) {
        self.gate = gate
        self.settings = settings
        self.logger = logger
        self.feedsChanged = feedsChanged
        currentConfiguration = Mutex(configuration)
    }

    /// The running configuration (digest editions, the file's feeds); a reload replaces it.
    public var configuration: FeedConfiguration {
        currentConfiguration.withLock { $0 }
    }

    /// Makes `configuration` the one handlers see from now on (a reload of feedd.toml).
    public func update(configuration: FeedConfiguration) {
        currentConfiguration.withLock { $0 = configuration }
    }

    /// The answer to a request the store could not serve: 503 with a `Retry-After`, and the reason (which names the
    /// store's path) in feedd's log rather than in the answer.
    public func unavailable(_ error: StoreError) -> APIResponse {
        logger.error("API request failed in the store", metadata: ["error": "\(error)"])
        var response = APIResponse.error(503, "the store is busy or unavailable: try again later")
        response.headers.append(("Retry-After", "30"))
        return response
    }

    /// Where clients reach the listener, for absolute links: `base_url`, else `http://HOST` from the request, else
    /// the listen address.
    public func baseURL(for request: APIRequest) -> String {
        if let base = settings.baseURL {
            return base
        }
        if let host = request.host, !host.isEmpty, !host.contains(where: { $0 == "/" || $0.isWhitespace }) {
            return "http://\(host)"
        }
        return "http://\(settings.listen)"
    }
}
