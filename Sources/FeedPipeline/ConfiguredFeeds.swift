import FeedConfig
import FeedStore

extension FeedConfiguration {
    /// The `[[feed]]` tables as the subscriptions `FeedStore.syncConfigFeeds` keeps in step with them.
    public var subscriptions: [NewFeed] {
        feeds.map {
            NewFeed(
                url: $0.url.absoluteString, title: $0.title, interval: $0.interval, tags: $0.tags, source: .config,
                options: $0.options)
        }
    }
}
