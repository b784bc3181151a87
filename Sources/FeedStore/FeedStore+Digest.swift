import Foundation
internal import GRDB

/// One article as the digest reads it: the fields it shows, its story and its feed's name and tags.
public struct DigestRow: Sendable, Equatable {
    public var id: Int64
    public var story: Int64
    public var feedID: Int64
    public var feedTitle: String
    public var feedTags: [String]
    public var title: String?
    public var link: String?
    public var canonicalURL: String?
    public var published: Date?
    public var firstSeen: Date
    public var text: String?
    /// The cleaned HTML, only when asked for (the digest looks in it for an image).
    public var html: String?
}

/// How often a feed usually publishes, from the dates of its newest articles.
public struct FeedPace: Sendable, Equatable {
    /// The newest article's date (publication, else arrival).
    public var newest: Date
    /// The mean gap between the newest articles' dates.
    public var usualInterval: TimeInterval
}

/// A digest watermark: how far the digest has read, and when it was last moved.
public struct DigestWatermark: Sendable, Equatable {
    public var until: Date
    public var writtenAt: Date
}

extension FeedStore {
    /// The articles first seen in `period` (start excluded, end included) whose story was not seen before it, so
    /// a story already in an earlier digest is not shown again when another feed picks it up later.
    public func digestRows(in period: DateInterval, includeHTML: Bool) throws(StoreError) -> [DigestRow] {
        let start = period.start.timeIntervalSince1970
        let end = period.end.timeIntervalSince1970
        return try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT article.id, article.story_id, article.feed_id,
                        coalesce(feed.custom_title, feed.feed_title, feed.url), feed.tags, article.title,
                        article.link, article.canonical_url, article.published_at, article.first_seen_at,
                        article.content_text, \(includeHTML ? "article.content_html" : "NULL")
                    FROM article JOIN feed ON feed.id = article.feed_id
                    WHERE article.first_seen_at > ? AND article.first_seen_at <= ?
                        AND NOT EXISTS (SELECT 1 FROM article AS earlier
                            WHERE earlier.story_id = article.story_id AND earlier.first_seen_at <= ?)
                    ORDER BY article.id
                    """,
                arguments: [start, end, start]
            ).map { row in
                DigestRow(
                    id: row[0], story: row[1], feedID: row[2], feedTitle: row[3], feedTags: StoredJSON.strings(row[4]),
                    title: row[5], link: row[6], canonicalURL: row[7], published: StoredFeed.date(row[8]),
                    firstSeen: Date(timeIntervalSince1970: row[9]), text: row[10], html: row[11])
            }
        }
    }

    /// Each feed's pace from the dates of its newest `sample` articles; feeds with fewer than `minimum` articles
    /// have no pace worth judging silence by, and are left out.
    public func feedPaces(sample: Int = 10, minimum: Int = 5) throws(StoreError) -> [Int64: FeedPace] {
        try read { db in
            var paces: [Int64: FeedPace] = [:]
            let feedIDs = try Int64.fetchAll(db, sql: "SELECT id FROM feed")
            let statement = try db.cachedStatement(
                sql: "SELECT sort_at FROM article WHERE feed_id = ? ORDER BY sort_at DESC, id DESC LIMIT ?")
            for feedID in feedIDs {
                let dates = try Double.fetchAll(statement, arguments: [feedID, max(sample, 2)])
                // Articles all dated alike (an undated feed's first fetch) say nothing about its pace.
                guard dates.count >= max(minimum, 2), let newest = dates.first, let oldest = dates.last,
                    newest - oldest >= 60 * Double(dates.count - 1)
                else {
                    continue
                }
                paces[feedID] = FeedPace(
                    newest: Date(timeIntervalSince1970: newest),
                    usualInterval: (newest - oldest) / Double(dates.count - 1))
            }
            return paces
        }
    }

    /// The named watermark with the time it was moved, or nil before the first digest.
    public func digestWatermark(_ name: String) throws(StoreError) -> DigestWatermark? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT until, written_at FROM digest_watermark WHERE name = ?", arguments: [name]
            )
            .map {
                DigestWatermark(
                    until: Date(timeIntervalSince1970: $0[0]), writtenAt: Date(timeIntervalSince1970: $0[1]))
            }
        }
    }
}
