/// Why the store refused an operation; the description is one line that names the file, feed or value.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A command that only reads found no store (or an empty file) at the path: nothing has created it yet.
        case noStore
        /// This user may not read (or, to change it, write) the store, or the directory named, which can be the
        /// store's own or one on the way to it; `owner` is the name (or uid) of the user it belongs to, when
        /// `stat` could see it.
        case permissionDenied(on: String, owner: String?)
        /// The store cannot be created or changed: its file system is mounted read-only.
        case readOnlyFileSystem
        /// The path is a directory, not a database file.
        case isDirectory
        /// A component of the path (named) is a file, not a directory.
        case parentNotDirectory(String)
        /// The file is not an SQLite database at all.
        case notSQLite
        /// The file is an SQLite database, but not feedd's: it has other tables (some named) and no feedd schema.
        case foreignDatabase(tables: [String])
        /// The file was written by a newer feedd: this program does not know its schema.
        case newerSchema(unknownMigrations: [String])
        /// The file's schema is older than this program's and only feedd upgrades it.
        case olderSchema
        /// The file system has no room left for the store to grow (or the user's quota is used up).
        case diskFull
        /// No feed has this id or URL.
        case noSuchFeed(String)
        /// The feed is defined in the configuration file, so only that file can remove it.
        case feedFromConfig(url: String, configFile: String?)
        /// Another feedd holds the store's daemon lock; its pid when it could be read.
        case otherDaemon(pid: Int32?)
        /// A file or directory beside the store (its directory, a lock file) could not be created, opened, locked
        /// or given to the service's user, for a reason the other kinds do not name.
        case file(String)
        /// Another process kept the store locked for longer than the wait allows: trying again later may work.
        case busy(String)
        /// SQLite failed for a reason the other kinds do not name (an I/O error, a damaged file), in its words.
        case database(String)
    }

    /// The store file the error is about.
    public var path: String
    public var kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .noStore:
            return "no store at \(path) yet: add a feed with `feedctl add URL`, or start feedd"
        case .permissionDenied(let denied, let owner):
            let place = denied == path ? "" : " on \(denied)"
            let whose = owner.map { " (it belongs to \(Self.userPhrase($0)))" } ?? ""
            return "\(path): permission denied\(place)\(whose)"
        case .readOnlyFileSystem:
            return "\(path): read-only file system: the store cannot be created or changed there"
        case .isDirectory:
            return "\(path): is a directory; [store] path must name the database file, e.g. \(path)/feedd.sqlite"
        case .parentNotDirectory(let parent):
            return "\(path): \(parent) is a file, not a directory"
        case .notSQLite:
            return "\(path): not a feedd store: the file is not an SQLite database"
        case .foreignDatabase(let tables):
            let shown = tables.prefix(3).joined(separator: ", ") + (tables.count > 3 ? ", …" : "")
            return "\(path): not a feedd store: an SQLite database of another program (tables \(shown))"
        case .newerSchema(let unknown):
            return "\(path): written by a newer feedd (unknown schema \(unknown.joined(separator: ", "))); "
                + "upgrade feedd and feedctl"
        case .olderSchema:
            return "\(path): the store's schema is older than this feedctl's; run feedd once to upgrade it"
        case .diskFull:
            return "\(path): no space left on the device; free some and try again"
        case .noSuchFeed(let reference):
            return "no feed \(reference) in \(path)"
        case .feedFromConfig(let url, let configFile):
            let file = configFile ?? "the configuration file"
            return "\(url) is defined in \(file); remove its [[feed]] entry there"
        case .otherDaemon(let pid):
            let who = pid.map { "another feedd (pid \($0))" } ?? "another feedd"
            return "\(path): \(who) is running on this store; `feedctl refresh` asks it for a cycle"
        case .file(let message), .busy(let message), .database(let message):
            return "\(path): \(message)"
        }
    }

    /// "the user feedd", or "uid 61234" for a user without a name (a dynamic user of a stopped service).
    private static func userPhrase(_ owner: String) -> String {
        owner.allSatisfy(\.isNumber) ? "uid \(owner)" : "the user \(owner)"
    }
}
