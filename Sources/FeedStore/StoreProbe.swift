import Foundation
internal import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A read-only look at an existing store file: is it SQLite, is it feedd's, which migrations does it have.
///
/// The look never changes the file nor leaves a file beside it, so a file that is then refused (another program's
/// database, one from a newer feedd) stays byte for byte as it was. A read-write open would not: a `DatabasePool`
/// switches the file to WAL mode, and even a read-only SQLite connection creates `-wal` and `-shm` files beside a
/// WAL database that has none (and leaves them, since only a writer may remove them). So the look reads through the
/// existing `-wal` and `-shm` when a process has the store open (they hold the newest commits), and otherwise opens
/// the file `immutable`: without them the file alone is the whole database, and SQLite then reads it without locks
/// or files of its own. (A reader kept on such a connection does not see a writer that starts after it: for the
/// few reads of one command, the store is as it was when the command began.)
struct StoreProbe {
    /// The read-only connection the look used; a command that only reads, run by a user who may not write the store,
    /// keeps reading through it.
    let queue: DatabaseQueue
    /// The store's applied migrations; nil when the file has no tables yet (a store being set up).
    let applied: Set<String>?

    /// Looks at the non-empty file at `path`.
    ///
    /// - Parameter known: this build's migrations, oldest first.
    /// - Throws: `StoreError` when the file is not an SQLite database, is another program's, or was written by a
    ///   newer feedd, or when it cannot be read.
    init(path: String, known: [String], configuration: Configuration) throws(StoreError) {
        let header = try Self.header(path)
        // "SQLite format 3" and a NUL: https://www.sqlite.org/fileformat.html#the_database_header
        guard header.count == 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw StoreError(path: path, kind: .notSQLite)
        }
        let inWALMode = header[18] == 2 || header[19] == 2
        let live = inWALMode && Self.exists(path + "-wal") && Self.exists(path + "-shm")
        var configuration = configuration
        configuration.readonly = true
        do {
            queue = try DatabaseQueue(
                path: Self.uri(path, parameter: live ? "mode=ro" : "immutable=1"), configuration: configuration)
            applied = try queue.read { db in try Self.appliedMigrations(db, path: path, known: known) }
        } catch {
            throw FeedStore.storeError(path: path, error)
        }
    }

    /// Looks at the file, and when the first look is not final (no schema yet, an incomplete one, or a failure that
    /// a process setting the store up may have caused), waits for the migration lock, if there is one, and looks
    /// again.
    static func settled(path: String, known: [String], configuration: Configuration) throws(StoreError) -> StoreProbe {
        let first: Result<StoreProbe, StoreError>
        do {
            let probe = try StoreProbe(path: path, known: known, configuration: configuration)
            if probe.applied == Set(known) {
                return probe
            }
            first = .success(probe)
        } catch {
            switch error.kind {
            case .newerSchema, .foreignDatabase, .permissionDenied, .isDirectory, .parentNotDirectory:
                throw error
            default:
                first = .failure(error)
            }
        }
        // Whoever sets up or upgrades a store holds this lock meanwhile; an old store's lock is free at once.
        guard let lock = MigrationLock(existingFor: path) else {
            return try first.get()
        }
        defer { lock.release() }
        return try StoreProbe(path: path, known: known, configuration: configuration)
    }

    /// The migrations applied to the database, checking that it is feedd's and not newer than this build.
    private static func appliedMigrations(_ db: Database, path: String, known: [String]) throws -> Set<String>? {
        let tables = try String.fetchAll(
            db,
            sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                + " ORDER BY name")
        let others = tables.filter { $0 != "grdb_migrations" }
        guard tables.contains("grdb_migrations") else {
            if tables.isEmpty {
                return nil
            }
            throw StoreError(path: path, kind: .foreignDatabase(tables: others))
        }
        let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        if applied.isEmpty {
            if others.isEmpty {
                return nil
            }
            throw StoreError(path: path, kind: .foreignDatabase(tables: others))
        }
        // Migrations are append-only, so every feedd store has the first; another program's GRDB migrations do not.
        if let first = known.first, !applied.contains(first) {
            throw StoreError(path: path, kind: .foreignDatabase(tables: others))
        }
        let unknown = applied.subtracting(known)
        if !unknown.isEmpty {
            throw StoreError(path: path, kind: .newerSchema(unknownMigrations: unknown.sorted()))
        }
        return applied
    }

    /// The file's first 100 bytes (fewer when it is shorter): the SQLite header.
    private static func header(_ path: String) throws(StoreError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw StoreAccess.error(code, on: path, storePath: path, doing: "open")
        }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: 100)
        var count = 0
        while count < header.count {
            let read = header.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + count, 100 - count, count) }
            if read < 0 && errno == EINTR {
                continue
            }
            guard read > 0 else {
                if read < 0 {
                    let code = errno
                    throw StoreAccess.error(code, on: path, storePath: path, doing: "read")
                }
                break
            }
            count += read
        }
        return Array(header.prefix(count))
    }

    /// An SQLite URI naming `path` with one query parameter: the path is percent-encoded, so that a `?`, `#` or `%`
    /// in it stays part of the name (https://www.sqlite.org/uri.html).
    static func uri(_ path: String, parameter: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-"),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.append(Character(Unicode.Scalar(byte)))
            default:
                encoded += String(format: "%%%02X", byte)
            }
        }
        // An absolute path goes after an empty authority, so that one starting with "//" is not taken for a host.
        return (path.hasPrefix("/") ? "file://" : "file:") + encoded + "?" + parameter
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}
