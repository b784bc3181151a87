import FeedModel
import Foundation
internal import GRDB

/// A stored article as a rule reads it (`feedctl rules test` and `apply`).
public struct RuleCandidate: Sendable {
    public var id: Int64
    public var feedID: Int64
    public var feedURL: String
    public var feedTags: [String]
    public var title: String?
    public var contentText: String?
    public var authors: [Author]
    public var link: String?
    public var canonicalURL: String?
    public var categories: [String]
    public var published: Date?
}

/// How many articles one rule touched.
public struct RuleHitCount: Sendable, Equatable {
    public var lastDay = 0
    public var last30Days = 0

    public init(lastDay: Int = 0, last30Days: Int = 0) {
        self.lastDay = lastDay
        self.last30Days = last30Days
    }
}

extension FeedStore {
    /// How many articles each rule touched in the last day and the last 30 days, by rule name (dropped ones too).
    public func ruleHitCounts(now: Date = Date()) throws(StoreError) -> [String: RuleHitCount] {
        try read { db in
            var counts: [String: RuleHitCount] = [:]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT rule, sum(hit_at >= ?), count(*) FROM rule_hit WHERE hit_at >= ? GROUP BY rule
                    """,
                arguments: [now.timeIntervalSince1970 - 86_400, now.timeIntervalSince1970 - 30 * 86_400])
            for row in rows {
                counts[row[0]] = RuleHitCount(lastDay: row[1], last30Days: row[2])
            }
            return counts
        }
    }

    /// Calls `body` with each stored article published (or, undated, first seen) at or after `since`, newest
    /// first, in one read: a month of a large store is never held in memory at once.
    public func forEachRuleCandidate(
        since: Date?, _ body: (RuleCandidate) throws -> Void
    ) throws(StoreError) {
        try read { db in
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT article.id, article.feed_id, feed.url, feed.tags, article.title, article.content_text,
                        article.authors, article.link, article.canonical_url, article.categories,
                        article.published_at
                    FROM article JOIN feed ON feed.id = article.feed_id
                    WHERE article.sort_at >= ?
                    ORDER BY article.sort_at DESC, article.id DESC
                    """,
                arguments: [since?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude])
            while let row = try cursor.next() {
                try body(
                    RuleCandidate(
                        id: row[0], feedID: row[1], feedURL: row[2], feedTags: StoredJSON.strings(row[3]),
                        title: row[4], contentText: row[5], authors: StoredJSON.authors(row[6]), link: row[7],
                        canonicalURL: row[8], categories: StoredJSON.strings(row[9]),
                        published: StoredFeed.date(row[10])))
            }
        }
    }

    /// Applies `marks` to stored articles, as if the rules had run when they arrived: `drop` removes the article
    /// and remembers it, the other actions mark it. Returns how many articles changed (a mark already there is no
    /// change, and an article already touched by the rule is not counted twice).
    @discardableResult
    public func applyRuleMarks(_ marked: [(id: Int64, marks: RuleMarks)], now: Date = Date())
        throws(StoreError) -> Int
    {
        try write { db in
            let seconds = now.timeIntervalSince1970
            var changed = 0
            for (id, marks) in marked {
                guard
                    let feedID = try Int64.fetchOne(
                        db, sql: "SELECT feed_id FROM article WHERE id = ?", arguments: [id])
                else { continue }
                let before = db.totalChangesCount
                for name in marks.names {
                    let known =
                        try Bool.fetchOne(
                            db, sql: "SELECT 1 FROM rule_hit WHERE article_id = ? AND rule = ?", arguments: [id, name])
                        ?? false
                    if marks.drop || !known {
                        try db.execute(
                            sql: "INSERT INTO rule_hit (rule, article_id, feed_id, hit_at) VALUES (?, ?, ?, ?)",
                            arguments: [name, marks.drop ? nil : id, feedID, seconds])
                    }
                }
                if marks.drop {
                    _ = try Self.bury(db, where: "id = ?", arguments: [id], now: now)
                    changed += 1
                    continue
                }
                try db.execute(
                    sql: """
                        UPDATE article SET read_at = CASE WHEN ? THEN coalesce(read_at, ?) ELSE read_at END,
                            starred_at = CASE WHEN ? THEN coalesce(starred_at, ?) ELSE starred_at END,
                            highlighted = highlighted OR ?
                        WHERE id = ? AND ((? AND read_at IS NULL) OR (? AND starred_at IS NULL)
                            OR (? AND NOT highlighted))
                        """,
                    arguments: [
                        marks.read, seconds, marks.star, seconds, marks.highlight, id, marks.read, marks.star,
                        marks.highlight,
                    ])
                for tag in marks.tags {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO article_tag (article_id, tag) VALUES (?, ?)", arguments: [id, tag])
                }
                if db.totalChangesCount > before {
                    changed += 1
                }
            }
            return changed
        }
    }
}
