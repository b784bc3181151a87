import FeedModel
import FeedStore
import Foundation
import GRDB
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A store that cannot be used is refused in one line that names the file and says why, and is left byte for byte
/// as it was: no WAL switch, no `-wal`, `-shm` or lock file beside it.
@Suite struct RefusalTests {
    /// One reason a store cannot be used.
    struct Cause: Sendable, CustomTestStringConvertible {
        var name: String
        /// Makes the situation in a fresh directory (`DIR`) and returns the store's path there.
        var setUp: @Sendable (String) throws -> String
        /// The one-line message; `DIR` stands for the directory, `STORE` for the store's path.
        var message: String
        /// The directory is a tmpfs mounted read-only once `setUp` has run.
        var readOnlyMount = false
        /// A command that only reads may still open it (read-only).
        var readersMayOpen = false
        var testDescription: String { name }
    }

    static let causes: [Cause] = [
        Cause(
            name: "parent is a file",
            setUp: { directory in
                try Data("a file\n".utf8).write(to: URL(fileURLWithPath: directory + "/state"))
                return directory + "/state/feedd.sqlite"
            },
            message: "STORE: DIR/state is a file, not a directory"),
        Cause(
            name: "store path is a directory",
            setUp: { directory in
                try FileManager.default.createDirectory(
                    atPath: directory + "/feedd.sqlite", withIntermediateDirectories: false)
                return directory + "/feedd.sqlite"
            },
            message: "STORE: is a directory; [store] path must name the database file, e.g. STORE/feedd.sqlite"),
        Cause(
            name: "read-only file system",
            setUp: { directory in
                let path = directory + "/feedd.sqlite"
                _ = try FeedStore(path: path, role: .daemon).addFeed(NewFeed(url: "https://example.org/feed"))
                return path
            },
            message: "STORE: read-only file system: the store cannot be created or changed there",
            readOnlyMount: true, readersMayOpen: true),
        Cause(
            name: "not an SQLite file",
            setUp: { directory in
                let path = directory + "/feedd.sqlite"
                try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
                return path
            },
            message: "STORE: not a feedd store: the file is not an SQLite database"),
        Cause(
            name: "a short file",
            setUp: { directory in
                let path = directory + "/feedd.sqlite"
                try Data("SQLite format 3\0".utf8).write(to: URL(fileURLWithPath: path))
                return path
            },
            message: "STORE: not a feedd store: the file is not an SQLite database"),
        Cause(
            name: "an SQLite database of another program",
            setUp: { directory in
                let path = directory + "/notes.db"
                try DatabaseQueue(path: path).write { db in
                    try db.execute(sql: "CREATE TABLE note (text TEXT); INSERT INTO note VALUES ('keep me')")
                }
                return path
            },
            message: "STORE: not a feedd store: an SQLite database of another program (tables note)"),
        Cause(
            name: "another program's database in WAL mode",
            setUp: { directory in
                let path = directory + "/notes.db"
                let queue = try DatabaseQueue(path: path)
                _ = try queue.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                }
                try queue.write { db in
                    try db.execute(sql: "CREATE TABLE note (text TEXT); CREATE TABLE tag (name TEXT)")
                }
                try queue.close()
                return path
            },
            message: "STORE: not a feedd store: an SQLite database of another program (tables note, tag)"),
        Cause(
            name: "another program's GRDB migrations",
            setUp: { directory in
                let path = directory + "/other.sqlite"
                var migrator = DatabaseMigrator()
                migrator.registerMigration("createNotes") { db in try db.execute(sql: "CREATE TABLE note (text TEXT)") }
                try migrator.migrate(DatabaseQueue(path: path))
                return path
            },
            message: "STORE: not a feedd store: an SQLite database of another program (tables note)"),
        Cause(
            name: "written by a newer feedd",
            setUp: { directory in
                let path = directory + "/feedd.sqlite"
                _ = try FeedStore(path: path, role: .daemon)
                try Self.withConnection(path) { db in
                    try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
                }
                return path
            },
            message: "STORE: written by a newer feedd (unknown schema v99-from-the-future); upgrade feedd and feedctl"),
    ]

    @Test(arguments: causes)
    func aStoreThatCannotBeUsedIsRefusedAndLeftAsItWas(_ cause: Cause) throws {
        let scratch = try Scratch()
        if cause.readOnlyMount {
            guard scratch.mountTmpfs() else {
                // Only root may mount, and not in every container: nothing to test then.
                try Test.cancel("cannot mount a tmpfs on \(scratch.directory)")
            }
        }
        let path = try cause.setUp(scratch.directory)
        if cause.readOnlyMount {
            try #require(scratch.remountReadOnly(), "cannot remount \(scratch.directory) read-only")
        }
        let before = DirectorySnapshot(scratch.directory)
        let expected = cause.message.replacingOccurrences(of: "STORE", with: path)
            .replacingOccurrences(of: "DIR", with: scratch.directory)
        var attempts: [(String, () throws -> Void)] = [
            ("feedd", { _ = try FeedStore(path: path, role: .daemon) }),
            ("feedctl", { _ = try FeedStore(path: path, role: .client) }),
            ("feedd's check", { try FeedStore.check(path: path, role: .daemon) }),
        ]
        let reader = { () throws -> Void in _ = try FeedStore(path: path, role: .client, access: .existing) }
        if !cause.readersMayOpen {
            attempts.append(("a reading command", reader))
        }
        for (who, attempt) in attempts {
            let error = #expect(throws: StoreError.self, "\(who)") { try attempt() }
            #expect(error?.description == expected, "\(who)")
            #expect(DirectorySnapshot(scratch.directory) == before, "\(who)")
        }
        if cause.readersMayOpen {
            let store = try FeedStore(path: path, role: .client, access: .existing)
            #expect(store.isReadOnly)
            #expect(try store.feeds().map(\.url) == ["https://example.org/feed"])
            #expect(DirectorySnapshot(scratch.directory) == before)
        }
    }

    @Test func anOlderSchemaIsLeftForFeeddToUpgrade() throws {
        let scratch = try Scratch()
        let path = scratch.directory + "/feedd.sqlite"
        _ = try FeedStore(path: path, role: .daemon)
        try Self.withConnection(path) { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2'")
        }
        let before = DirectorySnapshot(scratch.directory)
        for access in [FeedStore.Access.create, .existing] {
            let error = #expect(throws: StoreError.self) { try FeedStore(path: path, role: .client, access: access) }
            #expect(
                error?.description
                    == "\(path): the store's schema is older than this feedctl's; run feedd once to upgrade it")
            #expect(DirectorySnapshot(scratch.directory) == before)
        }
    }

    @Test func aReadingCommandCreatesNothingWhereThereIsNoStore() throws {
        let scratch = try Scratch()
        let path = scratch.directory + "/state/feedd/feedd.sqlite"
        let error = #expect(throws: StoreError.self) { try FeedStore(path: path, role: .client, access: .existing) }
        #expect(error?.kind == .noStore)
        #expect(
            error?.description == "no store at \(path) yet: add a feed with `feedctl add URL`, or start feedd")
        #expect(!FileManager.default.fileExists(atPath: scratch.directory + "/state"))
        // An empty file (root creates one before SQLite sets it up) is no store yet either.
        try FileManager.default.createDirectory(
            atPath: scratch.directory + "/state/feedd", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let empty = #expect(throws: StoreError.self) { try FeedStore(path: path, role: .client, access: .existing) }
        #expect(empty?.kind == .noStore)
        #expect(DirectorySnapshot(scratch.directory + "/state/feedd").entries.keys.sorted() == ["feedd.sqlite"])
    }

    @Test func aReadingCommandOnAWritableStoreOpensItForWriting() throws {
        let temporary = try TemporaryStore(role: .client)
        _ = try temporary.addFeed("https://example.org/feed")
        let store = try FeedStore(path: temporary.path, role: .client, access: .existing)
        #expect(!store.isReadOnly)
        #expect(try store.feeds().count == 1)
    }

    /// Runs `body` on a plain connection to the database at `path`, closed before it returns.
    static func withConnection(_ path: String, _ body: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction(body)
        try queue.close()
    }

    /// A fresh directory, removed (and unmounted, when a tmpfs was mounted on it) when the value goes away.
    final class Scratch {
        let directory: String
        private var mounted = false

        init() throws {
            directory = NSTemporaryDirectory() + "feedstore-refusal-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }

        deinit {
            if mounted {
                Tmpfs.unmount(directory)
            }
            try? FileManager.default.removeItem(atPath: directory)
        }

        /// Mounts a small tmpfs on the directory; false when this process may not mount.
        func mountTmpfs() -> Bool {
            guard geteuid() == 0, Tmpfs.mount(on: directory, size: "8m") else {
                return false
            }
            mounted = true
            return true
        }

        /// Makes the mounted tmpfs read-only.
        func remountReadOnly() -> Bool {
            Tmpfs.makeReadOnly(directory)
        }
    }
}
