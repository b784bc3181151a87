import FeedConfig
import FeedNotify
import FeedStore
import Foundation
import Logging

/// Sends each `[[notify]]` sink what waits for it in the store's alerts, one notification per sink per run.
///
/// Runs on the daemon's notify queue (`Daemon.notifyQueue`), never on the control queue or the pipeline's, so a
/// sink that hangs until its timeout never slows a fetch cycle. Delivery survives restarts: the alerts and each
/// sink's cursor are in the store; a sink that fails is retried with doubling delays (from `firstRetry` up to
/// `maximumRetry`), and a new process tries at once; alerts older than `FeedStore.alertLifetime` are dropped.
/// The cursor moves only after a delivery succeeded, so an alert is delivered at least once, and once unless the
/// process dies between the sink's answer and the store's commit.
struct AlertDelivery: Sendable {
    static let firstRetry: TimeInterval = 30
    static let maximumRetry: TimeInterval = 3600

    /// How long to wait after the sink's attempt number `failures + 1` failed: `firstRetry`, doubling, capped.
    static func retryDelay(afterFailures failures: Int) -> TimeInterval {
        min(firstRetry * pow(2, Double(min(failures, 20))), maximumRetry)
    }

    let store: FeedStore
    let sinks: [NotifySettings]
    let sender: NotificationSender
    let logger: Logger
    /// When this process started: a failure recorded before it does not hold back the first attempt.
    let startedAt: Date
    /// `$CREDENTIALS_DIRECTORY`, where `secret_credential` names a file.
    let credentialsDirectory: String?

    /// Delivers what waits for every sink that is not backing off; blocking.
    func run(now: Date = Date()) {
        guard !sinks.isEmpty else { return }
        var deliveries: [SinkDelivery]
        do {
            // A read on every tick; the write that registers a sink only when one is new.
            deliveries = try store.sinkDeliveries()
            if sinks.contains(where: { sink in !deliveries.contains { $0.name == sink.name } }) {
                deliveries = try store.sinkDeliveries(ensuring: sinks.map(\.name))
            }
        } catch {
            logger.error("cannot read the notification sinks' state", metadata: ["error": "\(error)"])
            return
        }
        for settings in sinks {
            guard let delivery = deliveries.first(where: { $0.name == settings.name }) else { continue }
            if let retryAt = delivery.nextAttemptAt, retryAt > now, let failed = delivery.lastErrorAt,
                failed >= startedAt
            {
                continue
            }
            deliver(to: settings, after: delivery.deliveredThrough, attempts: delivery.attempts, now: now)
        }
    }

    private func deliver(to settings: NotifySettings, after cursor: Int64, attempts: Int, now: Date) {
        let name = settings.name
        do {
            let alerts = try store.pendingAlerts(
                sink: name, events: settings.events.map(\.rawValue), after: cursor, now: now)
            guard let last = alerts.last else { return }
            let message = try AlertMessage.make(for: alerts, sink: name, store: store, now: now)
            do {
                if let credential = settings.secretCredential, credentialsDirectory == nil {
                    throw DeliveryProblem(
                        description: "webhook \"\(name)\": secret_credential \"\(credential)\" needs "
                            + "$CREDENTIALS_DIRECTORY (LoadCredential= in the unit), which is not set")
                }
                try sender.deliver(message, to: sink(settings))
            } catch {
                let delay = Self.retryDelay(afterFailures: attempts)
                try store.recordSinkFailure(
                    name, error: "\(error)", retryAt: now.addingTimeInterval(delay), now: now)
                logger.warning(
                    "notification not delivered",
                    metadata: [
                        "sink": "\(name)", "alerts": "\(alerts.count)", "error": "\(error)",
                        "retry_in": "\(Int(delay))s",
                    ])
                return
            }
            try store.recordSinkDelivery(name, through: last.id, delivered: true, now: now)
            logger.info("notification delivered", metadata: ["sink": "\(name)", "alerts": "\(alerts.count)"])
        } catch {
            // The store failed (a lock held too long, a full disk): recorded as the sink's failure when it can be, so
            // the sink backs off and `feedctl status` says why.
            logger.error("notification sink not served", metadata: ["sink": "\(name)", "error": "\(error)"])
            let delay = Self.retryDelay(afterFailures: attempts)
            try? store.recordSinkFailure(
                name, error: "\(error)", retryAt: now.addingTimeInterval(delay), now: now)
        }
    }

    /// A sink that cannot be served as configured, in one line.
    private struct DeliveryProblem: Error, CustomStringConvertible {
        let description: String
    }

    private func sink(_ settings: NotifySettings) -> NotificationSink {
        switch settings.kind {
        case .ntfy(let url):
            NotificationSink(name: settings.name, kind: .ntfy(url: url))
        case .webhook(let url):
            NotificationSink(
                name: settings.name,
                kind: .webhook(url: url, secretFile: settings.secretPath(credentialsDirectory: credentialsDirectory)))
        case .exec(let command):
            NotificationSink(name: settings.name, kind: .exec(command: command))
        }
    }
}
