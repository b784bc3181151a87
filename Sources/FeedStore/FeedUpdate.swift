import FeedModel
import Foundation

/// The result of one fetch of one feed, applied to the store in one transaction by `FeedStore.apply`.
public struct FeedUpdate: Sendable {
    /// What the fetch came to.
    public enum Outcome: Sendable {
        /// A feed document was fetched and parsed: its articles are stored, the validators replaced.
        case fetched(
            status: Int, etag: String?, lastModified: String?, title: String?, siteLink: String?,
            articles: [Article])
        /// 304 Not Modified: nothing new; the validators are kept unless the server sent new ones.
        case notModified(etag: String?, lastModified: String?)
        /// 410 Gone: the feed is marked gone and never polled again.
        case gone(status: Int)
        /// Anything else: a network error, an HTTP error status, a body that is not a feed.
        case failed(status: Int?, message: String)
    }

    public var feedID: Int64
    public var attemptedAt: Date
    public var outcome: Outcome
    /// When to fetch the feed next (ignored for `gone`).
    public var nextDueAt: Date
    /// What decided `nextDueAt`, shown by `feedctl list` and `show`; nil records none.
    public var nextDueReason: ScheduleReason?
    /// The final URL of a redirect chain made only of permanent redirects; moves the feed once seen twice.
    public var permanentRedirect: String?
    /// With `fetched` or `notModified`: the polling interval settled on before this response's cache headers,
    /// kept for the 304s that follow; nil keeps what is stored.
    public var pollSeconds: Double?
    /// What decided `pollSeconds` (stored with it, so a 304 knows whether it came from the feed or the settings).
    public var pollReason: ScheduleReason?
    /// With `fetched`: what the boilerplate remover now knows of the feed's template, stored with the feed for the
    /// next fetch (`FeedStore.templateMemory(feedID:)`); nil keeps what is stored.
    public var templateMemory: [UInt8]?
    /// With `fetched`, for a full-text feed: the article pages fetched for its new articles.
    public var fullText: FullTextReport?
    /// Guids whose stored article keeps its title and content whatever the fetch says: a full-text feed's known
    /// entries, whose stored content came from their pages and must not turn back into the feed's teaser.
    public var keepingStored: Set<String> = []

    public init(
        feedID: Int64,
        attemptedAt: Date,
        outcome: Outcome,
        nextDueAt: Date,
        nextDueReason: ScheduleReason? = nil,
        permanentRedirect: String? = nil
    ) {
        self.feedID = feedID
        self.attemptedAt = attemptedAt
        self.outcome = outcome
        self.nextDueAt = nextDueAt
        self.nextDueReason = nextDueReason
        self.permanentRedirect = permanentRedirect
    }
}

/// What `FeedStore.apply` did with a fetch's articles.
public struct IngestSummary: Sendable, Equatable {
    public var inserted = 0
    /// Articles already stored whose title or content changed.
    public var updated = 0
    public var unchanged = 0
    /// Articles the owner removed or retention dropped earlier (kept out by their tombstones).
    public var suppressed = 0
    /// New articles a rule dropped (remembered like removed ones, so they do not come back).
    public var dropped = 0
    /// How many new articles each rule touched (dropped ones included), by rule name.
    public var ruleHits: [String: Int] = [:]
    /// The feed's new URL when this update completed a permanent move.
    public var movedTo: String?

    public init() {}
}
