import FeedStore

/// feedd's exit statuses (sysexits.h values where one fits), so that systemd can tell a failure a restart may
/// cure from one it cannot: the unit's `RestartPreventExitStatus=` names the latter.
enum FeeddExitStatus: Int32 {
    /// `--once` could not store some feed, or the running service failed.
    case failure = 1
    /// The store cannot be opened, created or migrated (permission denied, read-only file system, a directory or a
    /// file in the way, not a feedd store, written by a newer feedd).
    case storeUnusable = 73
    /// Another feedd holds the store's daemon lock.
    case otherDaemon = 75
    /// The configuration file is invalid.
    case configurationError = 78

    /// The status for a store that could not be opened at start-up: only what a restart cannot cure is 73.
    init(startError kind: StoreError.Kind) {
        switch kind {
        case .otherDaemon:
            self = .otherDaemon
        case .busy:
            // Another process held the store's lock for 30 s; it will let go.
            self = .failure
        case .diskFull:
            // Space is often freed (logs rotated, caches cleaned) without anyone thinking of feedd.
            self = .failure
        case .noStore, .permissionDenied, .readOnlyFileSystem, .isDirectory, .parentNotDirectory, .notSQLite,
            .foreignDatabase, .newerSchema, .olderSchema, .file, .database, .noSuchFeed, .feedFromConfig:
            self = .storeUnusable
        }
    }
}
