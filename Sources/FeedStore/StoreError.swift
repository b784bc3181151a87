/// Why the store refused an operation; the description is one line that names the file, feed or value.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The file was written by a newer feedd: this program does not know its schema.
        case newerSchema(unknownMigrations: [String])
        /// The file's schema is older than this program's and only feedd upgrades it.
        case olderSchema
        /// No feed has this id or URL.
        case noSuchFeed(String)
        /// The feed is defined in the configuration file, so only that file can remove it.
        case feedFromConfig(url: String, configFile: String?)
        /// Another feedd holds the store's daemon lock; its pid when it could be read.
        case otherDaemon(pid: Int32?)
        /// A file or directory beside the store (its directory, a lock file) could not be created, opened, locked
        /// or given to the service's user.
        case file(String)
        /// Another process kept the store locked for longer than the wait allows: trying again later may work.
        case busy(String)
        /// SQLite failed (the file is not a database, the disk is full, an I/O error).
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
        case .newerSchema(let unknown):
            return "\(path): written by a newer feedd (unknown schema \(unknown.joined(separator: ", "))); "
                + "upgrade feedctl"
        case .olderSchema:
            return "\(path): the store's schema is older than this feedctl's; run feedd once to upgrade it"
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
}
