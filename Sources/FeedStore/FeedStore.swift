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

    /// What the opener may do to the store's files.
    public enum Access: Sendable {
        /// Creates a missing store (and its directory) and opens it for reading and writing.
        case create
        /// Opens an existing store only, for a command that only reads: read-write when this user may write it
        /// (so the configuration's feeds can be synced), read-only otherwise (`isReadOnly`). Creates nothing, and
        /// throws `StoreError.Kind.noStore` when there is no store (or only an empty file) at the path.
        case existing
    }

    /// The path the store was opened at.
    public let path: String
    /// True when the store is open read-only: opened `existing` by a user who may not write it. Writes throw.
    public let isReadOnly: Bool
    /// A `DatabasePool`, or for a read-only store the `DatabaseQueue` that looked at it (see `StoreProbe`).
    let database: any DatabaseWriter
    /// Recent articles' story bands, for near-duplicate stories (see `StoryIndex`).
    let storyIndex = StoryIndex()

    /// Opens the store at `path`; with `.create`, a missing store is created, and its missing directories too.
    ///
    /// Nothing is created or changed before the file is known to be a feedd store whose schema this build accepts
    /// (or before it is known that there is none yet): a file that is refused is left byte for byte as it was, with
    /// no file beside it. Run as root on a store in a directory another user owns (the service's), the files it
    /// creates there belong to that user (see `StoreFileOwner`).
    ///
    /// - Parameter busyTimeout: how long a write waits for another process's write before failing.
    /// - Throws: `StoreError`, whose kind says why in plain words: permission denied (naming the file or directory
    ///   and its owner), read-only file system, a directory or a file in the way, not an SQLite database, another
    ///   program's database, a newer or (for a client) older schema, no store yet (`existing`), disk full.
    public init(path: String, role: Role, access: Access = .create, busyTimeout: Duration = .seconds(30))
        throws(StoreError)
    {
        self.path = path
        let configuration = Self.configuration(busyTimeout: busyTimeout)
        var probe = try Self.inspect(path: path, role: role, access: access, configuration: configuration)
        if access == .existing {
            guard let probe, probe.applied != nil else {
                throw StoreError(path: path, kind: .noStore)
            }
            if !StoreAccess.isWritable(path) {
                // A user who may read but not write the service's store still sees what is in it.
                database = probe.queue
                isReadOnly = true
                return
            }
        }
        let isNew = probe?.applied == nil
        // The look's read-only connection has done its work: close it before the pool opens the file.
        probe = nil
        isReadOnly = false
        if isNew {
            try StoreFiles.createDirectory(for: path)
        }
        // A connection that opens a new file while another switches it to WAL can be told "database is locked" at
        // once, without waiting: a new store is opened and set up by one process at a time.
        let setUp = isNew ? try MigrationLock(storePath: path) : nil
        defer { setUp?.release() }
        if isNew {
            try StoreFiles.createDatabaseFile(path)
        }
        do {
            database = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw Self.storeError(path: path, error)
        }
        try prepareSchema(role: role, holding: setUp)
    }

    /// Throws what opening the store at `path` as `role` would refuse the existing file for, without creating or
    /// changing anything; a missing store passes.
    ///
    /// feedd asks before it takes its daemon lock, so that a store it refuses gets no lock file beside it.
    public static func check(path: String, role: Role) throws(StoreError) {
        _ = try inspect(
            path: path, role: role, access: .create, configuration: configuration(busyTimeout: .seconds(30)))
    }

    /// Checks that this process may use the store as `access` needs, and looks at the file when there is one; nil
    /// when there is none yet (or an empty file).
    ///
    /// - Throws: when the file, or a directory on the way, forbids the access; when the file is not a feedd store of
    ///   a schema `role` accepts.
    private static func inspect(path: String, role: Role, access: Access, configuration: Configuration)
        throws(StoreError) -> StoreProbe?
    {
        try StoreFiles.refuseLinks(path)
        guard try StoreAccess.check(path, writing: access == .create) else {
            return nil
        }
        let known = StoreSchema.migrator.migrations
        let probe = try StoreProbe.settled(path: path, known: known, configuration: configuration)
        // An old store is upgraded by feedd only; settled() waited for a process that was setting it up.
        if let applied = probe.applied, applied != Set(known), role == .client || access == .existing {
            throw StoreError(path: path, kind: .olderSchema)
        }
        return probe
    }

    /// How every connection to the store is set up.
    private static func configuration(busyTimeout: Duration) -> Configuration {
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
            // A read-only connection (see `StoreProbe`) may not change how the file is synced.
            if !db.configuration.readonly {
                // Durable enough for a cache of the web: WAL with NORMAL syncs survives a process crash intact and
                // can lose only the last transactions on power loss, never corrupt the file.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // SQLite copies the log into the file (and syncs both) once the log passes this many pages, on the
                // thread that committed. Its default of 1,000 (4 MB) had a 500-article transaction on a large store
                // pay that copy every other commit, each time for the same index pages: the million-article store
                // took 5,800 articles/s with it and 7,600-9,300 with 16,384. The log is cut back to 64 MiB when it
                // starts over, so a burst does not leave a larger file behind.
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.checkpointPages)")
                try db.execute(sql: "PRAGMA journal_size_limit = \(Self.checkpointPages * 4096)")
            }
            // The indexes on URLs and hashes are written at random places: a larger page cache (the default is
            // 2 MB) keeps ingest from re-reading them. Memory is only taken as pages are actually used.
            try db.execute(sql: "PRAGMA cache_size = -16384")
            SearchRanking.register(db)
        }
        // GRDB's default (user-initiated) has libdispatch ask for nice -4 threads, which an unprivileged service
        // may not take; the store's work is not more urgent than the rest of feedd's.
        configuration.qos = .default
        return configuration
    }

    /// How many pages the write-ahead log holds before the committing connection copies it into the file.
    static let checkpointPages = 16_384

    /// Caps what SQLite allocates in this whole process at about `bytes` (`PRAGMA soft_heap_limit`): past it, the
    /// connections' page caches recycle their pages instead of growing to `cache_size`.
    ///
    /// For the daemon: a cold cycle filled its writer's 16 MiB cache, a quarter of its memory, though the file's
    /// pages stay in the kernel's cache. Process-wide, so feedctl and the benchmarks keep their full caches.
    public func limitMemory(toBytes bytes: Int) throws(StoreError) {
        _ = try read { db in try Int.fetchOne(db, sql: "PRAGMA soft_heap_limit = \(max(bytes, 0))") }
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
            try migrator.migrate(database)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(path: path, error)
        }
    }

    /// The applied migrations; throws when the store has one this build does not know (a newer feedd made it).
    private func checkedAppliedMigrations(_ migrator: DatabaseMigrator, known: Set<String>) throws -> Set<String> {
        let applied = try database.read { db in try migrator.appliedIdentifiers(db) }
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
            return try database.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(path: path, error)
        }
    }

    /// Copies the write-ahead log into the database and empties it, waiting (with the store's busy handler) for
    /// the reads in flight to end.
    ///
    /// SQLite starts its log over only when no reader holds an older snapshot; while reader apps ask the API
    /// without pause during a fetch cycle, one always does, and the log grew to 300-500 MB in the API benchmark.
    /// The daemon calls this after each cycle when the API listens.
    public func truncateWriteAheadLog() throws(StoreError) {
        do {
            try database.writeWithoutTransaction { db in
                _ = try db.checkpoint(.truncate)
            }
        } catch {
            throw Self.storeError(path: path, error)
        }
    }

    /// Runs one write transaction, turning GRDB's errors into `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(path: path, error)
        }
    }

    /// A GRDB or SQLite error as a store error that says why in plain words: `busy` when another process held the
    /// lock too long; the file system's reason when SQLite could not open, read or write the file; else `database`
    /// in SQLite's words.
    static func storeError(path: String, _ error: any Error) -> StoreError {
        if let error = error as? StoreError {
            return error
        }
        guard let error = error as? DatabaseError else {
            return StoreError(path: path, kind: .database(message(error)))
        }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(path: path, kind: .busy(message(error)))
        case .SQLITE_NOTADB:
            return StoreError(path: path, kind: .notSQLite)
        case .SQLITE_FULL:
            return StoreError(path: path, kind: .diskFull)
        case .SQLITE_IOERR where fileSystemIsFull(holding: path):
            // SQLite says "disk I/O error" when growing its shared-memory index or the log finds no space: a
            // full disk that a restart cures once space returns, unlike an I/O error.
            return StoreError(path: path, kind: .diskFull)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
            let writing = error.resultCode == .SQLITE_READONLY
            return StoreAccess.explanation(for: path, writing: writing)
                ?? StoreError(path: path, kind: .database(message(error)))
        default:
            return StoreError(path: path, kind: .database(message(error)))
        }
    }

    /// Whether the file system that holds `path` has (almost) no space or no inode left for this process.
    static func fileSystemIsFull(holding path: String) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        var info = statvfs()
        guard statvfs(directory.isEmpty ? "." : directory, &info) == 0 else { return false }
        // Less than SQLite's shared-memory index needs to grow by one region (32 KiB) is as good as nothing.
        let available = UInt64(info.f_bavail) * UInt64(info.f_frsize)
        return available < 64 * 1024 || (info.f_files > 0 && info.f_favail == 0)
    }

    /// SQLite's own words, without GRDB's decoration of the statement text; for an error that is not SQLite's, the
    /// system's reason when it carries one, never a dump of its fields.
    static func message(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        var error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError {
            error = underlying
        }
        if error.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(error.code)))
        }
        return "unexpected error \(error.code) from \(error.domain)"
    }
}
