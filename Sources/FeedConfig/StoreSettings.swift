/// The `[store]` table: where articles are kept and for how long.
public struct StoreSettings: Sendable, Equatable {
    /// `path`: the SQLite database file; default `<state dir>/feedd.sqlite`.
    public var path: String
    /// `keep_days`: articles older than this many days are deleted; at least 1.
    public var keepDays: Int
    /// `keep_per_feed`: at most this many of the newest articles are kept per feed; at least 1.
    public var keepPerFeed: Int

    /// Creates store settings; no validation happens here.
    public init(path: String, keepDays: Int, keepPerFeed: Int) {
        self.path = path
        self.keepDays = keepDays
        self.keepPerFeed = keepPerFeed
    }

    /// The defaults, with the database inside `stateDirectory`.
    public static func defaults(stateDirectory: String) -> StoreSettings {
        StoreSettings(path: joinPath(stateDirectory, "feedd.sqlite"), keepDays: 90, keepPerFeed: 1000)
    }
}
