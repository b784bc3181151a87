import Foundation
internal import GRDB

/// The SQLite file feedd and feedctl share: subscriptions, articles, search index, tombstones and watermarks.
///
/// The file is in WAL mode, so readers never wait for the writer and the writer never waits for readers; writers
/// from several processes wait for each other up to `busyTimeout` instead of failing with "database is locked".
/// Every method is synchronous and thread-safe; each write is one transaction, so a crash leaves either the state
/// before it or the state after it.
public final class FeedStore: Sendable {
    /// Who is opening the store, which decides what happens to its schema.
    public enum Role: Sendable {
        /// feedd: creates the file if needed and runs every pending migration.
        case daemon
        /// feedctl: creates a missing file, but refuses a file whose schema is older or newer than it knows.
        case client
    }

    /// The path the store was opened at.
    public let path: String
    let pool: DatabasePool
    /// Recent articles' story bands, for near-duplicate stories (see `StoryIndex`).
    let storyIndex = StoryIndex()

    /// Opens (or creates) the store at `path`; the parent directory is created when missing.
    ///
    /// Run as root on a store in a directory another user owns (the service's), the files it creates there
    /// belong to that user (see `StoreFileOwner`).
    ///
    /// - Parameter busyTimeout: how long a write waits for another process's write before failing.
    public init(path: String, role: Role, busyTimeout: Duration = .seconds(30)) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        // SQLite's own busy timeout sleeps up to 100 ms between tries, so a writer waiting behind a busy daemon
        // keeps missing the short gaps between its transactions; trying every millisecond catches them.
        let patience = max(Int(busyTimeout.components.seconds), 1) * 1000
        configuration.busyMode = .callback { tries in
            guard tries < patience else { return false }
            usleep(tries < 100 ? 200 : 1000)
            return true
        }
        configuration.foreignKeysEnabled = true
        configuration.label = "feedd.store"
        configuration.prepareDatabase { db in
            // Durable enough for a cache of the web: WAL with NORMAL syncs survives a process crash intact and
            // can lose only the last transactions on power loss, never corrupt the file.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // The indexes on URLs and hashes are written at random places: a larger page cache (the default is
            // 2 MB) keeps ingest from re-reading them. Memory is only taken as pages are actually used.
            try db.execute(sql: "PRAGMA cache_size = -16384")
        }
        // GRDB's default (user-initiated) has libdispatch ask for nice -4 threads, which an unprivileged service
        // may not take; the store's work is not more urgent than the rest of feedd's.
        configuration.qos = .default
        try StoreFiles.createDirectory(for: path)
        // A connection that opens a new file while another switches it to WAL can be told "database is locked" at
        // once, without waiting: a new store is opened and set up by one process at a time.
        let setUp = StoreFiles.isNewDatabase(path) ? try MigrationLock(storePath: path) : nil
        defer { setUp?.release() }
        try StoreFiles.createDatabaseFile(path)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw Self.storeError(path: path, error)
        }
        try prepareSchema(role: role, holding: setUp)
    }

    /// Brings the schema up to date.
    ///
    /// - Parameter held: the migration lock, when the caller already holds it.
    private func prepareSchema(role: Role, holding held: MigrationLock?) throws(StoreError) {
        let migrator = StoreSchema.migrator
        let known = Set(migrator.migrations)
        do {
            if held == nil, try checkedAppliedMigrations(migrator, known: known) == known {
                return
            }
            // Migrations run one transaction each, so a process opening the store while another creates or
            // upgrades it would see some applied and not others, or run them twice. Whoever may migrate holds a
            // lock file across reading the applied migrations and running the missing ones.
            let lock = try held ?? MigrationLock(storePath: path)
            defer { if held == nil { lock.release() } }
            let applied = try checkedAppliedMigrations(migrator, known: known)
            if applied == known {
                return
            }
            // A brand-new file is created by whoever opens it first; an old one is upgraded by feedd only.
            if role == .client && !applied.isEmpty {
                throw StoreError(path: path, kind: .olderSchema)
            }
            try migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(path: path, error)
        }
    }

    /// The applied migrations; throws when the store has one this build does not know (a newer feedd made it).
    private func checkedAppliedMigrations(_ migrator: DatabaseMigrator, known: Set<String>) throws -> Set<String> {
        let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
        let unknown = applied.subtracting(known)
        if !unknown.isEmpty {
            throw StoreError(path: path, kind: .newerSchema(unknownMigrations: unknown.sorted()))
        }
        return applied
    }

    /// The size of the database file and its write-ahead log, in bytes.
    public var fileSize: Int64 {
        var total: Int64 = 0
        for suffix in ["", "-wal"] {
            var info = stat()
            if stat(path + suffix, &info) == 0 {
                total += Int64(info.st_size)
            }
        }
        return total
    }

    /// Runs a read, turning GRDB's errors into `StoreError`.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(path: path, error)
        }
    }

    /// Runs one write transaction, turning GRDB's errors into `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(path: path, error)
        }
    }

    /// A GRDB or SQLite error as a store error: `busy` when another process held the lock too long, else `database`.
    static func storeError(path: String, _ error: any Error) -> StoreError {
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            return StoreError(path: path, kind: .busy(message(error)))
        }
        return StoreError(path: path, kind: .database(message(error)))
    }

    /// SQLite's own words, without GRDB's decoration of the statement text.
    static func message(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return "\(error)"
    }
}
