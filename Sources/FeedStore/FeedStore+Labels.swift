import Foundation
internal import GRDB

/// Labels reader apps put on articles and feeds (the article_tag table and feedctl feeds' tags).
extension FeedStore {
    /// Adds (or removes) the tag `label` on the articles `ids`; returns the ids that exist.
    @discardableResult
    public func setArticleLabel(_ label: String, on ids: [Int64], present: Bool) throws(StoreError) -> [Int64] {
        try write { db in
            var found: [Int64] = []
            for chunk in Self.chunks(of: ids) {
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let existing = Set(
                    try Int64.fetchAll(
                        db, sql: "SELECT id FROM article WHERE id IN (\(placeholders))",
                        arguments: StatementArguments(chunk)))
                for id in chunk where existing.contains(id) {
                    try db.execute(
                        sql: present
                            ? "INSERT OR IGNORE INTO article_tag (article_id, tag) VALUES (?, ?)"
                            : "DELETE FROM article_tag WHERE article_id = ? AND tag = ?",
                        arguments: [id, label])
                    found.append(id)
                }
            }
            return found
        }
    }

    /// Removes `label` from every article and every feedctl feed (a configuration feed keeps its tags); returns
    /// how many articles and feeds lost it.
    @discardableResult
    public func removeLabel(_ label: String) throws(StoreError) -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM article_tag WHERE tag = ?", arguments: [label])
            let articles = db.changesCount
            return try articles + Self.replaceFeedTag(label, with: nil, db: db)
        }
    }

    /// Renames `label` to `newLabel` on every article and every feedctl feed; returns how many changed.
    @discardableResult
    public func renameLabel(_ label: String, to newLabel: String) throws(StoreError) -> Int {
        guard label != newLabel else { return 0 }
        return try write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO article_tag (article_id, tag) SELECT article_id, ? FROM article_tag "
                    + "WHERE tag = ?",
                arguments: [newLabel, label])
            try db.execute(sql: "DELETE FROM article_tag WHERE tag = ?", arguments: [label])
            let articles = db.changesCount
            return try articles + Self.replaceFeedTag(label, with: newLabel, db: db)
        }
    }

    /// Replaces (or with nil removes) a tag of the feedctl feeds that have it; returns how many feeds changed.
    private static func replaceFeedTag(_ label: String, with newLabel: String?, db: Database) throws -> Int {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT feed.id, feed.tags FROM feed WHERE source = 'feedctl'
                    AND EXISTS (SELECT 1 FROM json_each(feed.tags) WHERE json_each.value = ?)
                """,
            arguments: [label])
        for row in rows {
            var tags: [String] = []
            for tag in StoredJSON.strings(row[1]) {
                let kept = tag == label ? newLabel : tag
                if let kept, !tags.contains(kept) {
                    tags.append(kept)
                }
            }
            let id: Int64 = row[0]
            try db.execute(
                sql: "UPDATE feed SET tags = ? WHERE id = ?", arguments: [StoredJSON.text(strings: tags), id])
        }
        return rows.count
    }
}
