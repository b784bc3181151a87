import Foundation
import GRDB
import Testing

@testable import FeedStore

/// Stores written by an older feedd, brought up to date.
@Suite struct MigrationTests {
    /// A store at migration `version` ("v2", the schema before feed identities, unless told) in a fresh directory.
    final class OldStore {
        let directory = NSTemporaryDirectory() + "feedstore-old-" + UUID().uuidString
        var path: String { directory + "/feedd.sqlite" }

        init(upTo version: String = "v2", _ fill: (Database) throws -> Void) throws {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let queue = try DatabaseQueue(path: path)
            try StoreSchema.migrator.migrate(queue, upTo: version)
            try queue.write(fill)
        }

        deinit {
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    static func insertFeed(_ db: Database, id: Int64, url: String, source: String = "feedctl") throws {
        try db.execute(
            sql: "INSERT INTO feed (id, url, added_at, source, next_due_at) VALUES (?, ?, 0, ?, 0)",
            arguments: [id, url, source])
    }

    static func insertArticle(_ db: Database, feedID: Int64, guid: String) throws {
        try db.execute(
            sql: """
                INSERT INTO article (feed_id, guid, guid_is_derived, first_seen_at, sort_at, content_hash, story_id)
                VALUES (?, ?, 0, 0, 0, ?, 0)
                """,
            arguments: [feedID, guid, "hash-" + guid])
        let id = db.lastInsertedRowID
        try db.execute(sql: "UPDATE article SET story_id = id WHERE id = ?", arguments: [id])
        // As the store's ingest does: the delete trigger takes rows out of the full-text index, so they must be in it.
        try db.execute(
            sql:
                "INSERT INTO article_search(rowid, title, content_text) SELECT id, title, content_text FROM article WHERE id = ?",
            arguments: [id])
    }

    @Test func aV2StoreHoldingOneFeedUnderTwoSpellingsMigrates() throws {
        let old = try OldStore { db in
            try Self.insertFeed(db, id: 1, url: "https://example.org/feed")
            try Self.insertFeed(db, id: 2, url: "http://Example.org/feed/?utm_source=twitter")
            try Self.insertFeed(db, id: 3, url: "https://other.example/rss", source: "config")
            try db.execute(sql: "UPDATE feed SET custom_title = 'Mine', template_memory = x'0102' WHERE id = 2")
            for feedID: Int64 in [1, 2, 2, 3] {
                try Self.insertArticle(db, feedID: feedID, guid: "g\(feedID)-\(UUID().uuidString)")
            }
            try db.execute(sql: "INSERT INTO tombstone (feed_id, key, deleted_at) VALUES (2, 'g:gone', 0)")
        }
        let store = try FeedStore(path: old.path, role: .daemon)
        // Both rows stay, with their articles; the owner removes one.
        let feeds = try store.feeds().sorted { $0.id < $1.id }
        #expect(feeds.map(\.id) == [1, 2, 3])
        #expect(feeds.map(\.articleCount) == [1, 2, 1])
        #expect(feeds[1].customTitle == "Mine")
        #expect(feeds[2].source == .config)
        #expect(try store.templateMemory(feedID: 2) == [1, 2])
        // Any spelling names the oldest subscription, and adds nothing.
        #expect(try store.feed("http://example.org/feed").id == 1)
        guard case .alreadyExists(let existing) = try store.addFeed(NewFeed(url: "https://example.org/feed/")) else {
            Issue.record("another spelling was added")
            return
        }
        #expect(existing.id == 1)
        _ = try store.removeFeed("2", configFile: nil)
        // Ids are never reused from now on, even after removing the highest.
        guard case .added(let newest) = try store.addFeed(NewFeed(url: "https://newest.example/feed")) else {
            Issue.record("the new feed was not added")
            return
        }
        #expect(newest.id == 4)
        _ = try store.removeFeed("4", configFile: nil)
        guard case .added(let added) = try store.addFeed(NewFeed(url: "https://new.example/feed")) else {
            Issue.record("the new feed was not added")
            return
        }
        #expect(added.id == 5)
        #expect(try store.integrityCheck() == ["ok"])

        let queue = try DatabaseQueue(path: old.path)
        try queue.read { db in
            let table = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'feed'") ?? ""
            #expect(table.contains("id INTEGER PRIMARY KEY AUTOINCREMENT"))
            let indexes = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'feed' ORDER BY name")
            #expect(indexes == ["feed_due", "feed_url_key", "sqlite_autoindex_feed_1"])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            // Removing feed 2 took its articles and tombstone along: the references survived the rebuild.
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM article WHERE feed_id = 2") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM tombstone") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM article") == 2)
        }
    }

    /// v9 leaves every article searchable, gives the per-feed index the story (unread counts read it alone) and
    /// adds the highlights index to a store that ran v8 before v8 carried it (the benchmark's million store did).
    @Test func aV8StoreWithoutTheHighlightsIndexMigratesToV9() throws {
        let old = try OldStore(upTo: "v8-api-accounts") { db in
            try db.execute(sql: "DROP INDEX article_highlighted")
            try Self.insertFeed(db, id: 1, url: "https://example.org/feed")
            for guid in ["a", "b", "c"] {
                try Self.insertArticle(db, feedID: 1, guid: guid)
            }
            try db.execute(sql: "UPDATE article SET title = 'River ' || guid, highlighted = (guid = 'b')")
            try db.execute(sql: "UPDATE article SET read_at = 1 WHERE guid = 'c'")
        }
        let store = try FeedStore(path: old.path, role: .daemon)
        #expect(Set(try store.search("river").map(\.guid)) == ["a", "b", "c"])
        let counts = try store.streamUnreadCounts()
        #expect(counts.all.stories == 2)
        #expect(counts.labels["feedd/highlights"]?.stories == 1)
        try store.read { db in
            let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info('article_feed_sort')")
            #expect(columns == ["feed_id", "sort_at", "id", "read_at", "story_id"])
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_list('article')")
            #expect(indexes.contains("article_highlighted"))
            #expect(try Int.fetchOne(db, sql: "SELECT v FROM article_search_config WHERE k = 'automerge'") == 8)
            // The unread counts' pass reads the index alone, no article row.
            let plan = try Row.fetchAll(
                db,
                sql: """
                    EXPLAIN QUERY PLAN SELECT feed_id, story_id, sort_at FROM article INDEXED BY article_feed_sort
                    WHERE read_at IS NULL
                    """
            ).map { $0["detail"] as String }
            #expect(plan.contains { $0.contains("COVERING INDEX article_feed_sort") })
        }
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test func anEmptyV2StoreMigrates() throws {
        let old = try OldStore { _ in }
        let store = try FeedStore(path: old.path, role: .daemon)
        #expect(try store.feeds().isEmpty)
        guard case .added(let feed) = try store.addFeed(NewFeed(url: "https://example.org/feed")) else {
            Issue.record("the feed was not added")
            return
        }
        #expect(feed.id == 1)
    }

    @Test func feedctlLeavesTheMigrationToFeedd() throws {
        let old = try OldStore { db in try Self.insertFeed(db, id: 1, url: "https://example.org/feed") }
        let error = #expect(throws: StoreError.self) { try FeedStore(path: old.path, role: .client) }
        #expect(error?.kind == .olderSchema)
    }
}
