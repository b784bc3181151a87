import Foundation
internal import GRDB

/// Read and starred marks for whole stories: a story syndicated into five feeds is read once, in any of them.
extension FeedStore {
    /// Marks the articles `ids` read (or unread) together with every other article of their stories, in every
    /// feed; returns the ids that exist, in the order given. Reading an article already read keeps its time.
    @discardableResult
    public func setStoriesRead(_ ids: [Int64], read: Bool, now: Date = Date()) throws(StoreError) -> [Int64] {
        try updateStories(
            of: ids, set: read ? "read_at = coalesce(read_at, ?)" : "read_at = NULL",
            arguments: read ? [now.timeIntervalSince1970] : [])
    }

    /// Stars (or unstars) the articles `ids` together with every other article of their stories, as reading does:
    /// an app shows one article per story, so a star given or taken there is the story's. Returns the ids that
    /// exist, in the order given; starring a starred article keeps its time.
    @discardableResult
    public func setStoriesStarred(_ ids: [Int64], starred: Bool, now: Date = Date()) throws(StoreError) -> [Int64] {
        try updateStories(
            of: ids, set: "starred_at = CASE WHEN ? THEN coalesce(starred_at, ?) END",
            arguments: [starred, now.timeIntervalSince1970])
    }

    /// Sets `assignment` (with `arguments`) on every article of the stories of `ids`; returns the ids that exist.
    private func updateStories(of ids: [Int64], set assignment: String, arguments: StatementArguments)
        throws(StoreError) -> [Int64]
    {
        try write { db in
            var found: [Int64] = []
            for chunk in Self.chunks(of: ids) {
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                try db.execute(
                    sql: """
                        UPDATE article SET \(assignment)
                        WHERE story_id IN (SELECT story_id FROM article WHERE id IN (\(placeholders)))
                        """,
                    arguments: arguments + StatementArguments(chunk))
                let existing = Set(
                    try Int64.fetchAll(
                        db, sql: "SELECT id FROM article WHERE id IN (\(placeholders))",
                        arguments: StatementArguments(chunk)))
                found += chunk.filter(existing.contains)
            }
            return found
        }
    }

    /// `ids` in slices small enough for one statement's bound variables.
    static func chunks(of ids: [Int64], size: Int = 500) -> [[Int64]] {
        stride(from: 0, to: ids.count, by: size).map { Array(ids[$0..<min($0 + size, ids.count)]) }
    }
}
