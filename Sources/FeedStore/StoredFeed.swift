import FeedModel
import Foundation
internal import GRDB

/// One subscription as the store knows it: what the owner asked for, what the feed says, and how fetching goes.
public struct StoredFeed: Sendable, Equatable {
    /// Where the subscription came from: a `[[feed]]` in the configuration file, or `feedctl add`.
    public enum Source: String, Sendable {
        case config
        case feedctl
    }

    /// The feed's health, as `feedctl list` and the digest show it.
    public enum State: Sendable, Equatable {
        /// Never fetched yet.
        case new
        case ok
        /// The last fetch failed; `since` is the first failure of the current run of failures.
        case failing(since: Date)
        /// The server answered 410 Gone; the feed is no longer polled.
        case gone(since: Date)
    }

    public var id: Int64
    public var url: String
    /// The owner's title (config or `feedctl add --title`), which wins over the feed's own.
    public var customTitle: String?
    /// The title the feed gives itself.
    public var feedTitle: String?
    public var siteLink: String?
    public var addedAt: Date
    public var source: Source
    /// The owner's polling interval for this feed; nil means the configured default.
    public var interval: Duration?
    public var tags: [String]
    public var etag: String?
    public var lastModified: String?
    public var lastAttemptAt: Date?
    public var lastSuccessAt: Date?
    /// The HTTP status of the last response, if the last attempt got one.
    public var lastStatus: Int?
    /// The last failure in full; nil after a success.
    public var lastError: String?
    public var failingSince: Date?
    public var consecutiveFailures: Int
    public var nextDueAt: Date
    /// What decided `nextDueAt`; nil for a store written before feedd recorded it.
    public var nextDueReason: ScheduleReason?
    public var goneAt: Date?
    /// The URL the feed had before a permanent redirect moved it, and when.
    public var movedFrom: String?
    public var movedAt: Date?
    /// The polling interval the last success settled on, before that response's cache headers, in seconds.
    public var pollSeconds: Double?
    /// What decided `pollSeconds`; nil for a store written before feedd recorded it.
    public var pollReason: ScheduleReason?
    /// HTTP options, full text, and where the entries come from.
    public var options: FeedOptions
    /// Article pages fetched and extracted for full text, in all.
    public var fullTextFetched: Int
    /// Article pages that failed (fetch or extraction) since the last one that worked, and the last failure.
    public var fullTextFailures: Int
    public var fullTextError: String?
    /// How many articles the store holds for the feed (filled in by listings).
    public var articleCount: Int
    public var unreadCount: Int

    /// The title to show: the owner's, else the feed's, else the URL.
    public var displayTitle: String { customTitle ?? feedTitle ?? url }

    public var state: State {
        if let goneAt {
            return .gone(since: goneAt)
        }
        if let failingSince {
            return .failing(since: failingSince)
        }
        return lastSuccessAt == nil ? .new : .ok
    }

    static let columns = """
        feed.id, feed.url, feed.custom_title, feed.feed_title, feed.site_link, feed.added_at, feed.source,
        feed.interval_seconds, feed.tags, feed.etag, feed.last_modified, feed.last_attempt_at,
        feed.last_success_at, feed.last_status, feed.last_error, feed.failing_since, feed.consecutive_failures,
        feed.next_due_at, feed.gone_at, feed.moved_from, feed.moved_at, feed.poll_seconds,
        feed.next_due_reason, feed.poll_reason, feed.options, feed.full_text_fetched, feed.full_text_failures,
        feed.full_text_error
        """

    /// Reads a row selected with `columns`; the counts start at zero.
    init(row: Row) {
        id = row[0]
        url = row[1]
        customTitle = row[2]
        feedTitle = row[3]
        siteLink = row[4]
        addedAt = Date(timeIntervalSince1970: row[5])
        source = Source(rawValue: row[6]) ?? .feedctl
        interval = (row[7] as Int64?).map { .seconds($0) }
        tags = StoredJSON.strings(row[8])
        etag = row[9]
        lastModified = row[10]
        lastAttemptAt = Self.date(row[11])
        lastSuccessAt = Self.date(row[12])
        lastStatus = row[13]
        lastError = row[14]
        failingSince = Self.date(row[15])
        consecutiveFailures = row[16]
        nextDueAt = Date(timeIntervalSince1970: row[17])
        goneAt = Self.date(row[18])
        movedFrom = row[19]
        movedAt = Self.date(row[20])
        pollSeconds = row[21]
        nextDueReason = (row[22] as String?).flatMap(ScheduleReason.init(rawValue:))
        pollReason = (row[23] as String?).flatMap(ScheduleReason.init(rawValue:))
        options = StoredJSON.options(row[24])
        fullTextFetched = row[25]
        fullTextFailures = row[26]
        fullTextError = row[27]
        articleCount = 0
        unreadCount = 0
    }

    static func date(_ seconds: Double?) -> Date? {
        seconds.map { Date(timeIntervalSince1970: $0) }
    }
}
