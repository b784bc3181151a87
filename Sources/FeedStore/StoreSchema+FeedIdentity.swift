import FeedModel
internal import GRDB

/// Migration "v3-feed-identity": one subscription per feed, and a feed id is never given to another feed.
extension StoreSchema {
    /// Rebuilds the feed table with `AUTOINCREMENT`, so the ids of removed feeds (the highest ones too) are never
    /// handed out again: `feedctl remove 43` must not make the next feed added #43.
    ///
    /// SQLite cannot add AUTOINCREMENT to a table; the table is copied into one declared with it, as SQLite's
    /// "other kinds of table schema changes" describes. The new table is declared from the stored declaration,
    /// not from a copy of v1's: whatever columns and indexes a migration merged in before this one added to the
    /// feed table come along. Ids are copied as they are, so articles and tombstones keep pointing at their feed,
    /// and SQLite's sequence starts at the highest id stored (ids removed above it before this migration are
    /// forgotten: nothing records them). Only the feed table is copied, which takes milliseconds even on a store
    /// with a million articles. Runs with foreign keys off, so dropping the old table deletes no article.
    static func makeFeedIDsPermanent(_ db: Database) throws {
        let declaration = "CREATE TABLE feed ("
        let primaryKey = "id INTEGER PRIMARY KEY,"
        guard
            let table = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'feed'"),
            table.hasPrefix(declaration), let keyRange = table.range(of: primaryKey)
        else {
            throw DatabaseError(
                resultCode: .SQLITE_ERROR,
                message: "migration v3-feed-identity: the feed table is not declared as feedd declares it")
        }
        var rebuilt = table
        rebuilt.replaceSubrange(keyRange, with: "id INTEGER PRIMARY KEY AUTOINCREMENT,")
        rebuilt = "CREATE TABLE feed_v3 (" + rebuilt.dropFirst(declaration.count)
        // Indexes and triggers go with the old table; the automatic index of `url UNIQUE` comes with the new one.
        let companions = try String.fetchAll(
            db,
            sql: """
                SELECT sql FROM sqlite_master
                WHERE tbl_name = 'feed' AND type IN ('index', 'trigger') AND sql IS NOT NULL
                """)
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM feed") ?? 0
        try db.execute(sql: rebuilt)
        try db.execute(sql: "INSERT INTO feed_v3 SELECT * FROM feed")
        try db.execute(sql: "DROP TABLE feed")
        try db.execute(sql: "ALTER TABLE feed_v3 RENAME TO feed")
        for statement in companions {
            try db.execute(sql: statement)
        }
        // The copy keeps every id, which is what keeps every reference valid: checked here at the cost of the feed
        // table, instead of checking every article's reference.
        let copied = try Int.fetchOne(db, sql: "SELECT count(*) FROM feed") ?? 0
        guard copied == count else {
            throw DatabaseError(
                resultCode: .SQLITE_ERROR,
                message: "migration v3-feed-identity: copied \(copied) of \(count) feeds")
        }
    }

    /// Adds `url_key`, the feed URL's `FeedIdentity` key, with an index, and fills it in.
    ///
    /// The index is not unique: a store may already hold one feed under two spellings, and the migration must not
    /// fail or choose which one to drop. The store looks subscriptions up by key and takes the oldest; the owner
    /// removes the other with `feedctl remove`.
    static func addFeedURLKeys(_ db: Database) throws {
        try db.execute(
            sql: """
                -- FeedIdentity.key(url): the same for every spelling of the feed's URL. Every insert and move sets it.
                ALTER TABLE feed ADD COLUMN url_key TEXT;
                CREATE INDEX feed_url_key ON feed(url_key);
                """)
        let feeds = try Row.fetchAll(db, sql: "SELECT id, url FROM feed")
        let update = try db.makeStatement(sql: "UPDATE feed SET url_key = ? WHERE id = ?")
        for feed in feeds {
            let id: Int64 = feed[0]
            let url: String = feed[1]
            try update.execute(arguments: [FeedIdentity.key(url), id])
        }
    }
}
