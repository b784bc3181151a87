import FeedConfig
import FeedStore
import Foundation
internal import Hummingbird
import Logging
internal import NIOCore
import Synchronization

/// The HTTP listener of `[api]`: hummingbird's HTTP/1.1 server on SwiftNIO, inside feedd beside the fetch cycle.
///
/// `start()` returns once the socket listens, or throws why it cannot (the address is taken, not this host's);
/// `stop()` closes the listener and lets requests in flight end. Handlers run on Swift's cooperative pool and
/// send every store call to `StoreGate`'s queues, so neither the event loops nor the pool wait on SQLite.
public final class APIServer: Sendable {
    /// A connection that sends nothing for this long is closed (one that trickles a request's headers too).
    static let idleTimeout: TimeAmount = .seconds(20)
    /// Open connections from one address at most: an app keeps a few. Loopback is not limited (a reverse proxy on
    /// this host speaks for every client); the total cap still holds.
    static let connectionsPerAddress = 32
    /// Open connections at most; reader apps keep one or two each.
    static let maximumConnections = 256

    public let environment: APIEnvironment
    let router: APIRouter
    private let task = Mutex<Task<Void, Never>?>(nil)

    public init(environment: APIEnvironment) {
        self.environment = environment
        router = APIRouter(
            environment: environment,
            authenticator: APIAuthenticator(gate: environment.gate, logger: environment.logger))
    }

    /// Starts listening; returns the port it listens on (the configured one, or the system's pick for port 0).
    public func start() async throws(APIServerError) -> Int {
        let settings = environment.settings
        // hummingbird's own lines (a client that closed early, the cancellation at a stop) would be noise beside
        // ours, which say what happened; errors that matter reach us as thrown errors. Its logger must not be a
        // copy of the daemon's either: setting a level on that copy would set the daemon's shared level.
        let serverLogger = Logger(label: "feedd.api.server") { _ in SwiftLogNoOpLogHandler() }
        let (ready, readyContinuation) = AsyncStream<Int>.makeStream()
        let limit = ConnectionLimit(perAddress: Self.connectionsPerAddress)
        let application = Application(
            responder: APIResponder(router: router, logger: environment.logger),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [ConnectionLimitHandler(limit: limit)],
                    idleTimeout: Self.idleTimeout,
                    httpDecoderConfiguration: .init(
                        maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 64 * 1024, maxHeaderFieldCount: 100))),
            configuration: ApplicationConfiguration(
                address: .hostname(settings.host, port: settings.port), serverName: "feedd", backlog: 128,
                // Past this many open connections, new ones wait in the backlog: a flood of idle clients cannot
                // take every descriptor the fetcher needs.
                availableConnectionsDelegate: .maximum(Self.maximumConnections, logger: serverLogger)),
            onServerRunning: { channel in
                readyContinuation.yield(channel.localAddress?.port ?? settings.port)
                readyContinuation.finish()
            },
            logger: serverLogger
        )
        let failure = Mutex<(reason: String, code: Int32?)?>(nil)
        let running = Task {
            do {
                try await application.run()
            } catch {
                failure.withLock { $0 = (Self.reason(error), (error as? IOError)?.errnoCode) }
            }
            readyContinuation.finish()
        }
        task.withLock { $0 = running }
        for await port in ready {
            environment.logger.info("API listening", metadata: ["address": "\(settings.host):\(port)"])
            return port
        }
        let failed = failure.withLock { $0 }
        throw APIServerError(
            address: settings.listen, reason: failed?.reason ?? "the server stopped before it listened",
            code: failed?.code)
    }

    /// Stops listening and waits for the server to end.
    public func stop() async {
        guard let running = task.withLock({ $0 }) else { return }
        running.cancel()
        await running.value
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode))
        }
        return String(describing: error)
    }
}
