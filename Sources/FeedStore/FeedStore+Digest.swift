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
    /// A rule's `highlight`.
    public var highlighted = false
    /// The rules that touched the article.
    public var rules: [String] = []
}

/// How often a feed usually publishes, from the dates of its newest articles.
public struct FeedPace: Sendable, Equatable {
    /// The newest article's date (publication, else arrival).
    public var newest: Date
    /// The mean gap between the newest articles' dates.
    public var usualInterval: TimeInterval
}

/// A digest watermark: how far a digest has read, for which day, and when it was moved.
public struct DigestWatermark: Sendable, Equatable {
    /// The instant the digest was made: the start of the next one's period, as shown.
    public var until: Date
    /// The newest article id the digest covered; what the next one reads after. Nil only for a watermark that
    /// starts a selection by publication time (the first mail, which covers what the first digest did).
    public var untilID: Int64?
    /// The day (`YYYY-MM-DD`) the digest was written for, when it was a daily one.
    public var day: String?
    public var writtenAt: Date

    public init(until: Date, untilID: Int64?, day: String?, writtenAt: Date) {
        self.until = until
        self.untilID = untilID
        self.day = day
        self.writtenAt = writtenAt
    }
}

/// Which articles a digest covers: those stored after a watermark (by id), up to an id read beforehand, so an
/// article committed while the digest is made is left for the next one; and of those only the ones published
/// recently enough, so a feed's backlog never floods a digest.
///
/// "Published" is an article's publication time, or its first-seen time when the feed gave none (and never later
/// than its first-seen time): the store's `sort_at`, the same time `feedctl articles --since` selects by.
public struct DigestSelection: Sendable, Equatable {
    /// Articles with a greater id than this (and stories none of whose articles have an id this low or lower); nil
    /// for every article up to `throughID`.
    public var afterID: Int64?
    /// Only articles published at or after this instant; nil for no limit.
    public var publishedSince: Date?
    /// Articles up to this id (`FeedStore.newestArticleID()` when the digest starts).
    public var throughID: Int64
    /// Only articles of these feeds (an edition's scope); nil for every feed.
    public var feedIDs: [Int64]?

    public init(afterID: Int64?, publishedSince: Date?, throughID: Int64, feedIDs: [Int64]? = nil) {
        self.afterID = afterID
        self.publishedSince = publishedSince
        self.throughID = throughID
        self.feedIDs = feedIDs
    }
}

extension FeedStore {
    /// The newest article id stored: the most a digest made now covers.
    public func newestArticleID() throws(StoreError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM article") ?? 0 }
    }

    /// The articles `selection` covers whose story has no article before it, so a story already in an earlier
    /// digest is not shown again when another feed picks it up later.
    ///
    /// Ids, not first-seen times, mark where a digest stopped: an article is stamped when its fetch starts but
    /// stored later, and would slip behind a time watermark moved in between.
    public func digestRows(_ selection: DigestSelection, includeHTML: Bool) throws(StoreError) -> [DigestRow] {
        let (range, arguments) = Self.digestRange(selection)
        var condition = range
        var allArguments = arguments
        if let since = selection.publishedSince?.timeIntervalSince1970 {
            condition += " AND article.sort_at >= ?"
            allArguments += [since]
        }
        return try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT article.id, article.story_id, article.feed_id,
                        coalesce(feed.custom_title, feed.feed_title, feed.url), feed.tags, article.title,
                        article.link, article.canonical_url, article.published_at, article.first_seen_at,
                        article.content_text, \(includeHTML ? "article.content_html" : "NULL"),
                        article.highlighted,
                        (SELECT group_concat(rule, char(10)) FROM (SELECT rule FROM rule_hit WHERE rule_hit.article_id = article.id ORDER BY rule_hit.id))
                    FROM article JOIN feed ON feed.id = article.feed_id
                    WHERE \(condition)
                    ORDER BY article.id
                    """,
                arguments: allArguments
            ).map { row in
                DigestRow(
                    id: row[0], story: row[1], feedID: row[2], feedTitle: row[3], feedTags: StoredJSON.strings(row[4]),
                    title: row[5], link: row[6], canonicalURL: row[7], published: StoredFeed.date(row[8]),
                    firstSeen: Date(timeIntervalSince1970: row[9]), text: row[10], html: row[11],
                    highlighted: row[12], rules: StoredJSON.distinctLines(row[13]))
            }
        }
    }

    /// How many articles `selection` would cover but for `publishedSince`: the older articles a digest leaves out.
    public func digestLeftOutCount(_ selection: DigestSelection) throws(StoreError) -> Int {
        guard let since = selection.publishedSince?.timeIntervalSince1970 else { return 0 }
        let (range, arguments) = Self.digestRange(selection)
        return try read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM article WHERE \(range) AND article.sort_at < ?",
                arguments: arguments + [since]) ?? 0
        }
    }

    /// The SQL condition on `article` for the ids `selection` covers, and its arguments.
    ///
    /// With a scope, a story counts as shown before only when an article of a feed in scope was: another edition's
    /// feeds are not this edition's reader's.
    private static func digestRange(_ selection: DigestSelection) -> (String, StatementArguments) {
        var condition = "article.id <= ?"
        var arguments: StatementArguments = [selection.throughID]
        var scope = ""
        if let feedIDs = selection.feedIDs {
            let list = feedIDs.isEmpty ? "NULL" : feedIDs.map(String.init).joined(separator: ", ")
            condition += " AND article.feed_id IN (\(list))"
            scope = " AND earlier.feed_id IN (\(list))"
        }
        if let afterID = selection.afterID {
            condition += """
                 AND article.id > ? AND NOT EXISTS (SELECT 1 FROM article AS earlier
                    WHERE earlier.story_id = article.story_id AND earlier.id <= ?\(scope))
                """
            arguments += [afterID, afterID]
        }
        return (condition, arguments)
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

    /// The named watermark, or nil before the first digest.
    public func digestWatermark(_ name: String) throws(StoreError) -> DigestWatermark? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT until, until_id, day, written_at FROM digest_watermark WHERE name = ?",
                arguments: [name]
            ).map {
                DigestWatermark(
                    until: Date(timeIntervalSince1970: $0[0]), untilID: $0[1], day: $0[2],
                    writtenAt: Date(timeIntervalSince1970: $0[3]))
            }
        }
    }

    /// Moves the named watermark; call only once the digest's files are in place (or its mail is sent).
    public func setDigestWatermark(_ name: String, _ watermark: DigestWatermark) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO digest_watermark (name, until, until_id, day, written_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    name, watermark.until.timeIntervalSince1970, watermark.untilID, watermark.day,
                    watermark.writtenAt.timeIntervalSince1970,
                ])
        }
    }
}
