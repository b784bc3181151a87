import Foundation

/// One alert waiting for a sink: a rule's match, a feed that broke or recovered, a digest written.
public struct StoredAlert: Sendable, Equatable {
    public var id: Int64
    /// `rule`, `feed_broken`, `feed_recovered` or `digest`.
    public var event: String
    /// The sink a rule's `notify:SINK` named; nil for alerts every sink taking the event gets.
    public var sink: String?
    public var rule: String?
    public var articleID: Int64?
    public var feedID: Int64?
    /// The feed's error for `feed_broken`, the digest's path for `digest`.
    public var detail: String?
    public var createdAt: Date
}

/// One sink's delivery, for `feedctl status` and the daemon's retries.
public struct SinkDelivery: Sendable, Equatable {
    public var name: String
    /// The newest alert id the sink has had (or skipped as too old).
    public var deliveredThrough: Int64
    /// Failed attempts since the last delivery.
    public var attempts: Int
    /// When the next attempt may be made after a failure; nil when nothing failed.
    public var nextAttemptAt: Date?
    public var lastDeliveryAt: Date?
    public var lastError: String?
    public var lastErrorAt: Date?
}
