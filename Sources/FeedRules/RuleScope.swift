import FeedModel

/// Which feeds a `[[rule]]` applies to: `feeds` (ids or URLs) and `tags`; every feed when both are empty.
///
/// A feed is in scope when it is one of the listed feeds or carries one of the listed tags.
public struct RuleScope: Sendable, Hashable {
    /// Feed ids from `feeds`.
    public var feedIDs: Set<Int64>
    /// `FeedIdentity.key` of each feed URL in `feeds`, so any spelling of a URL names the feed.
    public var feedURLKeys: Set<String>
    /// `tags`.
    public var tags: Set<String>

    public init(feedIDs: Set<Int64> = [], feedURLs: [String] = [], tags: Set<String> = []) {
        self.feedIDs = feedIDs
        self.feedURLKeys = Set(feedURLs.map(FeedIdentity.key))
        self.tags = tags
    }

    /// Every feed.
    public static let everyFeed = RuleScope()

    /// True when no feed or tag narrows the scope.
    public var isEveryFeed: Bool { feedIDs.isEmpty && feedURLKeys.isEmpty && tags.isEmpty }

    /// True when the rule applies to `feed`.
    public func contains(_ feed: RuleSubject.Feed) -> Bool {
        isEveryFeed || feedIDs.contains(feed.id) || feedURLKeys.contains(feed.urlKey)
            || feed.tags.contains(where: tags.contains)
    }
}
