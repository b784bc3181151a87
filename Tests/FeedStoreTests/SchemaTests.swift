import Dispatch
import FeedStore
import Foundation
import GRDB
import Synchronization
import Testing

@Suite struct SchemaTests {
    @Test func processesOpeningANewStoreTogetherAllGetItWhole() throws {
        // As feedd and feedctl starting at once: every opener must succeed, none may see half the migrations.
        let directory = NSTemporaryDirectory() + "feedstore-race-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/feedd.sqlite"
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            do {
                _ = try FeedStore(path: path, role: index % 2 == 0 ? .daemon : .client)
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(try FeedStore(path: path, role: .client).integrityCheck() == ["ok"])
    }

    @Test func daemonCreatesAMissingStoreInWALMode() throws {
        let temporary = try TemporaryStore(role: .daemon)
        let queue = try DatabaseQueue(path: temporary.path)
        let mode = try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let tables = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        for table in ["article", "article_search", "daemon", "digest_watermark", "feed", "tombstone"] {
            #expect(tables.contains(table))
        }
    }

    @Test func clientCreatesAMissingStoreAndReopensIt() throws {
        let temporary = try TemporaryStore(role: .client)
        _ = try temporary.addFeed("https://example.org/feed")
        let again = try FeedStore(path: temporary.path, role: .client)
        #expect(try again.feeds().map(\.url) == ["https://example.org/feed"])
    }

    @Test func clientRefusesANewerSchemaAndSaysSo() throws {
        let temporary = try TemporaryStore(role: .daemon)
        let queue = try DatabaseQueue(path: temporary.path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        for role in [FeedStore.Role.client, .daemon] {
            let error = #expect(throws: StoreError.self) { try FeedStore(path: temporary.path, role: role) }
            #expect(error?.kind == .newerSchema(unknownMigrations: ["v99-from-the-future"]))
            #expect(error?.description.contains(temporary.path) == true)
        }
    }

    @Test func fileThatIsNotADatabaseIsAOneLineError() throws {
        let directory = NSTemporaryDirectory() + "feedstore-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/notes.txt"
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try FeedStore(path: path, role: .client) }
        let text = error?.description ?? ""
        #expect(text.hasPrefix(path + ": "))
        #expect(!text.contains("\n"))
    }
}
