import Foundation
internal import GRDB

/// The running daemon as it recorded itself in the store.
public struct DaemonRecord: Sendable, Equatable {
    public var pid: Int32
    public var startedAt: Date
    public var lastCycleAt: Date?
    /// How long the last fetch cycle took.
    public var lastCycleSeconds: Double?
    /// Set when the daemon stopped cleanly.
    public var stoppedAt: Date?
}

/// Counts for `feedctl status` and the daemon's status line.
public struct StoreCounts: Sendable, Equatable {
    public var feeds = 0
    public var ok = 0
    public var failing = 0
    public var gone = 0
    /// Feeds never fetched yet.
    public var new = 0
    public var articles = 0
    public var unread = 0

    public init() {}
}

extension FeedStore {
    public func counts() throws(StoreError) -> StoreCounts {
        try read { db in
            var counts = StoreCounts()
            if let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*),
                        count(*) FILTER (WHERE gone_at IS NULL AND failing_since IS NULL
                            AND last_success_at IS NOT NULL),
                        count(*) FILTER (WHERE gone_at IS NULL AND failing_since IS NOT NULL),
                        count(*) FILTER (WHERE gone_at IS NOT NULL),
                        count(*) FILTER (WHERE gone_at IS NULL AND failing_since IS NULL AND last_success_at IS NULL)
                    FROM feed
                    """
            ) {
                counts.feeds = row[0]
                counts.ok = row[1]
                counts.failing = row[2]
                counts.gone = row[3]
                counts.new = row[4]
            }
            counts.articles = try Int.fetchOne(db, sql: "SELECT count(*) FROM article") ?? 0
            counts.unread = try Int.fetchOne(db, sql: "SELECT count(*) FROM article WHERE read_at IS NULL") ?? 0
            return counts
        }
    }

    /// Records the daemon that now owns the store (its pid is what `feedctl refresh` signals).
    public func recordDaemonStart(pid: Int32, now: Date = Date()) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO daemon (id, pid, started_at, last_cycle_at, last_cycle_seconds, stopped_at)
                    VALUES (1, ?, ?, NULL, NULL, NULL)
                    """,
                arguments: [pid, now.timeIntervalSince1970]
            )
        }
    }

    /// Records a finished fetch cycle (of the service or of `feedd --once`, which records no pid).
    public func recordCycle(at date: Date, seconds: Double) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO daemon (id, pid, started_at, last_cycle_at, last_cycle_seconds, stopped_at)
                    VALUES (1, 0, ?1, ?1, ?2, ?1)
                    ON CONFLICT (id) DO UPDATE SET last_cycle_at = ?1, last_cycle_seconds = ?2
                    """,
                arguments: [date.timeIntervalSince1970, seconds]
            )
        }
    }

    public func recordDaemonStop(now: Date = Date()) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE daemon SET stopped_at = ? WHERE id = 1", arguments: [now.timeIntervalSince1970])
        }
    }

    public func daemonRecord() throws(StoreError) -> DaemonRecord? {
        try read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT pid, started_at, last_cycle_at, last_cycle_seconds, stopped_at FROM daemon WHERE id = 1"
            ).map { row in
                DaemonRecord(
                    pid: row[0],
                    startedAt: Date(timeIntervalSince1970: row[1]),
                    lastCycleAt: StoredFeed.date(row[2]),
                    lastCycleSeconds: row[3],
                    stoppedAt: StoredFeed.date(row[4])
                )
            }
        }
    }
}

extension FeedStore {
    /// SQLite's `PRAGMA integrity_check` plus the full-text index's own check: `["ok"]` for a sound store, else
    /// the problems found.
    ///
    /// The full-text index is checked by a command written as an insert, which a read-only store refuses: there
    /// only SQLite's check runs.
    public func integrityCheck() throws(StoreError) -> [String] {
        if isReadOnly {
            return try read { db in
                let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
                return problems.isEmpty ? ["ok"] : problems
            }
        }
        return try write { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            do {
                try db.execute(sql: "INSERT INTO article_search(article_search, rank) VALUES ('integrity-check', 1)")
            } catch {
                problems.append("full-text index: \(Self.message(error))")
            }
            return problems.isEmpty ? ["ok"] : problems
        }
    }
}
