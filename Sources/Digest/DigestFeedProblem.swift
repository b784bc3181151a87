import Foundation

/// A feed whose health the digest reports: failing, gone, moved or unusually silent.
public struct DigestFeedProblem: Sendable {
    /// What is wrong with the feed.
    public enum Kind: Sendable {
        /// Fetches have failed since `since`; `status` is the last HTTP status, if one arrived.
        case failing(since: Date, status: Int?, error: String)
        /// The server answered 410 Gone (since `since`, when known).
        case gone(since: Date?)
        /// The feed moved permanently from one URL to another (at `at`, when known).
        case moved(from: String, to: String, at: Date?)
        /// Nothing new since `lastNewArticle`, although the feed usually publishes every `usualInterval` seconds.
        case silent(lastNewArticle: Date, usualInterval: TimeInterval)
        /// Article pages of a full-text feed failed `failures` times since the last one that worked; its articles
        /// keep the feed's own content meanwhile.
        case fullTextFailing(failures: Int, error: String)
    }

    /// The feed's display title.
    public var feedTitle: String
    /// The feed's URL.
    public var url: String
    /// What is wrong.
    public var kind: Kind

    /// Creates a problem report.
    public init(feedTitle: String, url: String, kind: Kind) {
        self.feedTitle = feedTitle
        self.url = url
        self.kind = kind
    }
}
