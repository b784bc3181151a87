import FeedConfig

/// What a reload (SIGHUP) runs under: the newly loaded configuration, whole, less what only a restart can change.
///
/// The new value replaces the running one as a whole, so a key added to `FeedConfiguration` is reloaded without
/// anyone remembering to copy it; only the settings listed here are held back, each with the reason the daemon
/// logs.
struct ConfigurationReload: Equatable {
    /// A setting the new file changed that the running daemon cannot take.
    struct Refusal: Equatable {
        /// The key as the file spells it: "[store] path".
        let key: String
        /// The running value, which stays.
        let running: String
        /// The value the new file asks for, which waits for the next start.
        let requested: String
    }

    /// The configuration to run under from now on.
    let configuration: FeedConfiguration
    /// The changes held back until the next start, in file order.
    let refused: [Refusal]

    /// - Parameters:
    ///   - running: the configuration the daemon runs under.
    ///   - loaded: the configuration just read from the file, already validated.
    init(running: FeedConfiguration, loaded: FeedConfiguration) {
        var next = loaded
        var refused: [Refusal] = []
        // The store is opened, locked and migrated once, at start; the daemon lock names this file.
        if loaded.store.path != running.store.path {
            refused.append(Refusal(key: "[store] path", running: running.store.path, requested: loaded.store.path))
            next.store.path = running.store.path
        }
        // The listener is bound once, at start.
        if loaded.api != running.api {
            refused.append(
                Refusal(key: "[api]", running: Self.describe(running.api), requested: Self.describe(loaded.api)))
            next.api = running.api
        }
        configuration = next
        self.refused = refused
    }

    private static func describe(_ settings: APISettings?) -> String {
        guard let settings else { return "off" }
        return "listen \(settings.listen)" + (settings.baseURL.map { ", base_url \($0)" } ?? "")
    }
}
