import Foundation
internal import GRDB

/// What `FeedStore.applyRetention` removed.
public struct RetentionSummary: Sendable, Equatable {
    /// Articles older than the age limit.
    public var expired = 0
    /// Articles beyond a feed's count limit.
    public var overflow = 0

    public init() {}
}

extension FeedStore {
    /// Drops articles older than `keepDays` and all but the newest `keepPerFeed` of each feed, leaving tombstones;
    /// starred articles stay whatever their age. Alerts past their lifetime go too, and article pages fetched
    /// for full text before the age limit.
    ///
    /// Age counts from the later of publication and arrival, so an old entry a feed still carries is not fetched,
    /// dropped and fetched again: its tombstone keeps it out.
    @discardableResult
    public func applyRetention(keepDays: Int, keepPerFeed: Int, now: Date = Date()) throws(StoreError)
        -> RetentionSummary
    {
        try write { db in
            var summary = RetentionSummary()
            let cutoff = now.timeIntervalSince1970 - Double(max(keepDays, 1)) * 86_400
            summary.expired = try Self.bury(
                db,
                where: "first_seen_at < ? AND sort_at < ? AND starred_at IS NULL",
                arguments: [cutoff, cutoff],
                now: now
            )
            let crowded = try Int64.fetchAll(
                db,
                sql: "SELECT feed_id FROM article GROUP BY feed_id HAVING count(*) > ?",
                arguments: [max(keepPerFeed, 1)]
            )
            for feedID in crowded {
                summary.overflow += try Self.bury(
                    db,
                    where: """
                        feed_id = ? AND starred_at IS NULL AND id IN (SELECT id FROM article WHERE feed_id = ?
                            ORDER BY sort_at DESC, id DESC LIMIT -1 OFFSET ?)
                        """,
                    arguments: [feedID, feedID, max(keepPerFeed, 1)],
                    now: now
                )
            }
            try Self.pruneAlerts(db, now: now)
            // An article page is asked again only while its article may still be new to a feed.
            try db.execute(sql: "DELETE FROM full_text_page WHERE fetched_at < ?", arguments: [cutoff])
            return summary
        }
    }
}
