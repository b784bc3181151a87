import FeedModel
import Foundation

/// One `[[feed]]` table: a feed that feedd fetches.
public struct FeedSubscriptionSettings: Sendable, Equatable {
    /// `url`: the feed's address (`http`, `https` or `file`); unique among the configured feeds.
    public var url: URL
    /// `title`: a title that overrides the feed's own, or nil.
    public var title: String?
    /// `interval`: how often this feed is fetched, or nil for `[fetch] interval`.
    public var interval: Duration?
    /// `tags`: labels for grouping, without duplicates; default none.
    public var tags: [String]
    /// The HTTP, full-text and source options (`username`, `headers`, `full_text`, `kind`, …); default none.
    public var options: FeedOptions = .none

    /// Creates a subscription; no validation happens here.
    public init(url: URL, title: String? = nil, interval: Duration? = nil, tags: [String] = []) {
        self.url = url
        self.title = title
        self.interval = interval
        self.tags = tags
    }
}
