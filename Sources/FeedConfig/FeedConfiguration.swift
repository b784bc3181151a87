import FeedRules

/// The whole feedd configuration, shared by the daemon `feedd` and the CLI `feedctl`.
///
/// Obtain one with `load(explicitPath:environment:isRoot:)` (the real file) or `parse(text:fileName:baseDirectory:
/// stateDirectory:)` (text at hand); both validate every key once, so a value of this type is always consistent.
/// Paths in it are absolute whenever the state directory and base directory given were.
public struct FeedConfiguration: Sendable, Equatable {
    /// The `[store]` table: the SQLite database and retention.
    public var store: StoreSettings
    /// The `[fetch]` table: scheduling and HTTP limits.
    public var fetch: FetchSettings
    /// The digest editions: the `[[digest]]` tables in file order, else the one `[digest]` table (or its defaults),
    /// named `daily`. Never empty.
    public var digests: [DigestSettings]
    /// The `[[rule]]` tables, compiled, in file order.
    public var rules: RuleSet
    /// The `[[notify]]` tables, in file order.
    public var sinks: [NotifySettings]
    /// The `[[feed]]` tables, in file order.
    public var feeds: [FeedSubscriptionSettings]
    /// The `[log]` table.
    public var log: LogSettings
    /// The `[api]` table, or nil when it is absent and no listener runs.
    public var api: APISettings?
    /// The configuration file these settings came from, or nil when no file was read and all are defaults.
    public var sourcePath: String?

    /// Creates a configuration from its parts; no validation happens here.
    public init(
        store: StoreSettings,
        fetch: FetchSettings,
        digests: [DigestSettings],
        feeds: [FeedSubscriptionSettings],
        log: LogSettings,
        sourcePath: String?,
        rules: RuleSet = .empty,
        sinks: [NotifySettings] = [],
        api: APISettings? = nil
    ) {
        self.api = api
        self.store = store
        self.fetch = fetch
        self.digests = digests
        self.rules = rules
        self.sinks = sinks
        self.feeds = feeds
        self.log = log
        self.sourcePath = sourcePath
    }

    /// The edition called `name`, or nil.
    public func digest(named name: String) -> DigestSettings? {
        digests.first { $0.name == name }
    }

    /// The configuration used when there is no file: every key at its default, no feeds, `sourcePath` nil.
    public static func defaults(stateDirectory: String) -> FeedConfiguration {
        FeedConfiguration(
            store: .defaults(stateDirectory: stateDirectory),
            fetch: .defaults,
            digests: [.defaults(stateDirectory: stateDirectory)],
            feeds: [],
            log: .defaults,
            sourcePath: nil
        )
    }
}
