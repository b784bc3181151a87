import Foundation
internal import GRDB

extension FeedStore {
    /// How long an alert waits for a sink that keeps failing: after a day it is news no more.
    public static let alertLifetime: TimeInterval = 86_400

    /// Records an alert every sink taking `event` gets (a digest written).
    public func recordAlert(event: String, detail: String?, now: Date = Date()) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "INSERT INTO alert (event, detail, created_at) VALUES (?, ?, ?)",
                arguments: [event, detail, now.timeIntervalSince1970])
        }
    }

    /// Each sink's delivery record, creating one for each of `names` that has none: a new sink starts after the
    /// alerts already recorded, so adding one does not replay the past, except those that already name it (a rule's
    /// `notify:` that ran between a reload and this call).
    public func sinkDeliveries(ensuring names: [String]) throws(StoreError) -> [SinkDelivery] {
        try write { db in
            for name in names {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO notify_sink (name, delivered_through)
                        VALUES (?, coalesce((SELECT min(id) - 1 FROM alert WHERE sink = ?),
                            (SELECT coalesce(max(id), 0) FROM alert)))
                        """,
                    arguments: [name, name])
            }
            return try Self.sinkRows(db)
        }
    }

    /// Every sink's delivery record, for `feedctl status`.
    public func sinkDeliveries() throws(StoreError) -> [SinkDelivery] {
        try read { db in try Self.sinkRows(db) }
    }

    private static func sinkRows(_ db: Database) throws -> [SinkDelivery] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT name, delivered_through, attempts, next_attempt_at, last_delivery_at, last_error, last_error_at
                FROM notify_sink ORDER BY name
                """
        ).map { row in
            SinkDelivery(
                name: row[0], deliveredThrough: row[1], attempts: row[2], nextAttemptAt: StoredFeed.date(row[3]),
                lastDeliveryAt: StoredFeed.date(row[4]), lastError: row[5], lastErrorAt: StoredFeed.date(row[6]))
        }
    }

    /// The alerts for `sink` after its cursor, oldest first, at most `limit`: those naming it, and those of
    /// `events` naming no sink. Alerts older than `alertLifetime` are left out (the cursor passes them).
    public func pendingAlerts(
        sink: String, events: [String], after cursor: Int64, now: Date = Date(), limit: Int = 500
    ) throws(StoreError) -> [StoredAlert] {
        let placeholders = Array(repeating: "?", count: max(events.count, 1)).joined(separator: ", ")
        return try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, event, sink, rule, article_id, feed_id, detail, created_at FROM alert
                    WHERE id > ? AND created_at >= ?
                        AND (sink = ? OR (sink IS NULL AND event IN (\(placeholders))))
                    ORDER BY id LIMIT ?
                    """,
                arguments: [cursor, now.timeIntervalSince1970 - Self.alertLifetime, sink]
                    + StatementArguments(events.isEmpty ? [""] : events) + [limit]
            ).map { row in
                StoredAlert(
                    id: row[0], event: row[1], sink: row[2], rule: row[3], articleID: row[4], feedID: row[5],
                    detail: row[6], createdAt: Date(timeIntervalSince1970: row[7]))
            }
        }
    }

    /// The newest alert id, which a sink with nothing pending may move its cursor to.
    public func newestAlertID() throws(StoreError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM alert") ?? 0 }
    }

    /// Records that `sink` has had every alert up to `through`; `delivered` when something was sent.
    public func recordSinkDelivery(_ sink: String, through: Int64, delivered: Bool, now: Date = Date())
        throws(StoreError)
    {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE notify_sink SET delivered_through = max(delivered_through, ?), attempts = 0,
                        next_attempt_at = NULL,
                        last_delivery_at = CASE WHEN ? THEN ? ELSE last_delivery_at END
                    WHERE name = ?
                    """,
                arguments: [through, delivered, now.timeIntervalSince1970, sink])
        }
    }

    /// Records a failed delivery to `sink` and when to try again.
    public func recordSinkFailure(_ sink: String, error: String, retryAt: Date, now: Date = Date())
        throws(StoreError)
    {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE notify_sink SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,
                        last_error_at = ?
                    WHERE name = ?
                    """,
                arguments: [retryAt.timeIntervalSince1970, error, now.timeIntervalSince1970, sink])
        }
    }

    /// Forgets alerts past their lifetime (with a day's margin) and hits of dropped articles older than 30 days.
    static func pruneAlerts(_ db: Database, now: Date) throws {
        let seconds = now.timeIntervalSince1970
        try db.execute(sql: "DELETE FROM alert WHERE created_at < ?", arguments: [seconds - 2 * Self.alertLifetime])
        try db.execute(
            sql: "DELETE FROM rule_hit WHERE article_id IS NULL AND hit_at < ?", arguments: [seconds - 31 * 86_400])
    }
}
