import FeedAPI
import FeedConfig
import Foundation

extension Daemon {
    /// Starts the `[api]` listener, when the configuration has one; returns once it listens, so that systemd hears
    /// READY=1 only from a daemon whose API answers.
    ///
    /// Throws why it cannot listen (the address is taken, not this host's, a port below 1024 without the
    /// capability); the caller exits with it.
    public func startAPI() async throws(APIServerError) {
        guard api == nil, let settings = configuration.api else { return }
        let environment = APIEnvironment(
            gate: StoreGate(store: store), settings: settings, configuration: configuration, logger: logger,
            feedsChanged: { [weak self] in
                // A feed a reader app subscribed to is fetched now rather than at the next tick.
                guard let self else { return }
                Task { await self.subscriptionsChanged() }
            })
        let server = APIServer(environment: environment)
        _ = try await server.start()
        api = server
    }

    /// Stops the listener, letting the requests in flight finish.
    func stopAPI() async {
        await api?.stop()
        api = nil
    }

    private func subscriptionsChanged() {
        tick()
    }
}
