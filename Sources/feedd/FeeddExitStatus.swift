/// feedd's exit statuses (sysexits.h values where one fits), so that systemd can tell a failure a restart may
/// cure from one it cannot: the unit's `RestartPreventExitStatus=` names the latter.
enum FeeddExitStatus: Int32 {
    /// `--once` could not store some feed, or the running service failed.
    case failure = 1
    /// The store cannot be opened, created or migrated (permissions, not a database, written by a newer feedd).
    case storeUnusable = 73
    /// Another feedd holds the store's daemon lock.
    case otherDaemon = 75
    /// The configuration file is invalid.
    case configurationError = 78
}
