/// The labels in use: feeds' tags (folders to reader apps) and articles' own tags, each list sorted.
public struct StreamLabels: Sendable, Equatable {
    public var feedTags: [String]
    public var articleTags: [String]

    public init(feedTags: [String], articleTags: [String]) {
        self.feedTags = feedTags
        self.articleTags = articleTags
    }
}
