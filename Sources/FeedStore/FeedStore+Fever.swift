import FeedModel
import Foundation
internal import GRDB

/// What the Fever API reads and marks: one item per story (its earliest stored article), feeds with their tags.
///
/// A story syndicated into several feeds is one item, the article with the story's smallest id; its copies are
/// never items, and read marks cover the whole story (`setStoriesRead`).
extension FeedStore {
    /// The condition that makes `article` an item: no earlier article shares its story.
    static let feverItemCondition = """
        NOT EXISTS (SELECT 1 FROM article AS earlier
            WHERE earlier.story_id = article.story_id AND earlier.id < article.id)
        """

    static let feverItemColumns = """
        article.id, article.feed_id, coalesce(article.title, ''), article.authors,
        article.content_html, article.summary, coalesce(article.link, article.canonical_url, ''),
        article.read_at IS NOT NULL,
        EXISTS (SELECT 1 FROM article AS copy WHERE copy.story_id = article.story_id AND copy.starred_at IS NOT NULL),
        article.sort_at
        """

    /// Every subscription, ordered by title, with its tags and last successful fetch.
    public func feverFeeds() throws(StoreError) -> [FeverFeed] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, coalesce(custom_title, feed_title, url), url, site_link, tags, last_success_at
                    FROM feed ORDER BY lower(coalesce(custom_title, feed_title, url)), id
                    """
            ).map { row in
                FeverFeed(
                    id: row[0], title: row[1], url: row[2], siteURL: row[3], tags: StoredJSON.strings(row[4]),
                    lastSuccess: StoredFeed.date(row[5]))
            }
        }
    }

    /// The newest successful fetch of any feed, or nil when none has succeeded yet.
    public func feverLastRefreshed() throws(StoreError) -> Date? {
        try read { db in
            StoredFeed.date(try Double.fetchOne(db, sql: "SELECT max(last_success_at) FROM feed"))
        }
    }

    /// The items `selection` asks for, at most `limit` of them (`.ids` returns every item it names).
    public func feverItems(_ selection: FeverItemSelection, limit: Int = 50) throws(StoreError) -> [FeverItem] {
        try read { db in
            switch selection {
            case .after(let id):
                return try Self.fetchFeverItems(
                    db, where: "article.id > ?", order: "ASC", arguments: [id, max(limit, 0)])
            case .before(let id):
                return try Self.fetchFeverItems(
                    db, where: "article.id < ?", order: "DESC", arguments: [id, max(limit, 0)])
            case .ids(let ids):
                var items: [FeverItem] = []
                for chunk in Self.chunks(of: Array(Set(ids)).sorted()) {
                    let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                    items += try Self.fetchFeverItems(
                        db, where: "article.id IN (\(placeholders))", order: "ASC",
                        arguments: StatementArguments(chunk) + [chunk.count])
                }
                return items
            }
        }
    }

    /// How many items there are: one per story.
    public func feverItemCount() throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(DISTINCT story_id) FROM article") ?? 0
        }
    }

    /// The ids of the newest `limit` unread items, lowest first.
    ///
    /// Unread ids and items (each story's smallest id) are read from two narrow indexes and intersected: a store's
    /// articles are mostly read, and a walk of the table would read every article's content to find the few.
    public func feverUnreadItemIDs(limit: Int) throws(StoreError) -> [Int64] {
        try read { db in
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT id FROM article INDEXED BY article_feed_sort WHERE read_at IS NULL
                    INTERSECT
                    SELECT min(id) FROM article INDEXED BY article_story GROUP BY story_id
                    ORDER BY 1 DESC LIMIT ?
                    """,
                arguments: [max(limit, 0)]
            ).reversed()
        }
    }

    /// The ids of the newest `limit` items whose story has a starred article, lowest first.
    public func feverSavedItemIDs(limit: Int) throws(StoreError) -> [Int64] {
        try read { db in
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT min(id) FROM article
                    WHERE story_id IN (SELECT story_id FROM article WHERE starred_at IS NOT NULL)
                    GROUP BY story_id ORDER BY 1 DESC LIMIT ?
                    """,
                arguments: [max(limit, 0)]
            ).reversed()
        }
    }

    /// Saves (stars) or unsaves the item `id` with every article of its story, as the Google Reader API does;
    /// false when there is no such article.
    @discardableResult
    public func setFeverItemSaved(_ id: Int64, saved: Bool, now: Date = Date()) throws(StoreError) -> Bool {
        try !setStoriesStarred([id], starred: saved, now: now).isEmpty
    }

    /// Marks read the unread articles of `feedIDs` (every feed when nil) first seen before `before`, with every
    /// other article of their stories; returns how many articles changed.
    @discardableResult
    public func markFeverFeedsRead(_ feedIDs: [Int64]?, before: Date, now: Date = Date()) throws(StoreError) -> Int {
        let cutoff = before.timeIntervalSince1970
        let stamp = now.timeIntervalSince1970
        return try write { db in
            guard let feedIDs else {
                try db.execute(
                    sql: """
                        UPDATE article SET read_at = ? WHERE read_at IS NULL AND story_id IN (
                            SELECT story_id FROM article WHERE read_at IS NULL AND first_seen_at < ?)
                        """,
                    arguments: [stamp, cutoff])
                return db.changesCount
            }
            var changed = 0
            for chunk in Self.chunks(of: feedIDs) {
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                try db.execute(
                    sql: """
                        UPDATE article SET read_at = ? WHERE read_at IS NULL AND story_id IN (
                            SELECT story_id FROM article
                            WHERE read_at IS NULL AND first_seen_at < ? AND feed_id IN (\(placeholders)))
                        """,
                    arguments: [stamp, cutoff] + StatementArguments(chunk))
                changed += db.changesCount
            }
            return changed
        }
    }

    private static func fetchFeverItems(
        _ db: Database, where condition: String, order: String, arguments: StatementArguments
    ) throws -> [FeverItem] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT \(feverItemColumns) FROM article
                WHERE \(condition) AND \(feverItemCondition)
                ORDER BY article.id \(order) LIMIT ?
                """,
            arguments: arguments
        ).map { row in
            FeverItem(
                id: row[0], feedID: row[1], title: row[2],
                author: StoredJSON.authors(row[3]).compactMap(\.name).filter { !$0.isEmpty }.joined(separator: ", "),
                contentHTML: row[4], summary: row[5], url: row[6], isSaved: row[8], isRead: row[7],
                created: Date(timeIntervalSince1970: row[9]))
        }
    }
}
