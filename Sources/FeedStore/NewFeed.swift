import FeedModel

/// A subscription to create: from `feedctl add` or from a `[[feed]]` of the configuration file.
public struct NewFeed: Sendable, Equatable {
    public var url: String
    public var title: String?
    public var interval: Duration?
    public var tags: [String]
    public var source: StoredFeed.Source
    /// HTTP options, full text, and where the entries come from.
    public var options: FeedOptions

    public init(
        url: String,
        title: String? = nil,
        interval: Duration? = nil,
        tags: [String] = [],
        source: StoredFeed.Source = .feedctl,
        options: FeedOptions = .none
    ) {
        self.options = options
        self.url = url
        self.title = title
        self.interval = interval
        self.tags = tags
        self.source = source
    }
}

/// What `FeedStore.addFeed` did.
public enum AddFeedOutcome: Sendable, Equatable {
    case added(StoredFeed)
    /// The feed was already subscribed (under this URL, another spelling of it, or an alias); nothing changed.
    case alreadyExists(StoredFeed)
}

/// What `FeedStore.syncConfigFeeds` changed.
public struct ConfigSyncSummary: Sendable, Equatable {
    public var added: [String] = []
    public var updated: [String] = []
    /// Feeds that came from the configuration and are no longer in it; removed with their articles.
    public var removed: [String] = []

    public init() {}
}
