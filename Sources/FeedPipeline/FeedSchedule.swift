import FeedModel
import FeedParsing
import Foundation

/// When to fetch a feed next: after a success, adapted to how often it publishes; after a failure, backing off.
///
/// Every function takes a `jitter` in 0..<1 (random in production, fixed in tests) that spreads feeds with the
/// same interval apart, so a thousand subscriptions added at once do not all fire in the same second.
public enum FeedSchedule {
    /// Server hints never push a feed further out than this, whatever a misconfigured server says.
    static let longestHonouredHint: Double = 7 * 86_400

    /// What the server and the feed said about how often to ask.
    public struct Hints: Sendable, Equatable {
        /// RSS `ttl`, in minutes.
        public var ttlMinutes: Int?
        /// `sy:updatePeriod` / `sy:updateFrequency`, in seconds.
        public var updateInterval: Int?
        /// `Cache-Control: max-age`, in seconds.
        public var cacheMaxAge: Int?
        /// `Expires`, as a date.
        public var expires: Date?

        public init(ttlMinutes: Int? = nil, updateInterval: Int? = nil, cacheMaxAge: Int? = nil, expires: Date? = nil) {
            self.ttlMinutes = ttlMinutes
            self.updateInterval = updateInterval
            self.cacheMaxAge = cacheMaxAge
            self.expires = expires
        }
    }

    /// The next fetch after a success.
    ///
    /// The owner's per-feed interval is used as given; otherwise the interval follows the feed's pace (a week
    /// divided by the entries it published in the last week, Miniflux's rule, or, when every entry of the document
    /// is from the last week, the time they span divided by their number) within the configured bounds, or the
    /// default interval when its entries carry no dates. Either way the feed is never asked again before its
    /// `ttl`, `sy:updatePeriod`, `max-age` or `Expires` allow.
    public static func afterSuccess(
        now: Date,
        feedInterval: Duration?,
        settings: ScheduleSettings,
        publishedDates: [Date],
        hints: Hints,
        jitter: Double
    ) -> Date {
        let interval = pollInterval(
            now: now, feedInterval: feedInterval, settings: settings, publishedDates: publishedDates, hints: hints)
        // Spread by up to a tenth of the interval, later only, so no hint is undercut.
        return now.addingTimeInterval(interval + interval * 0.1 * jitter)
    }

    /// The interval `afterSuccess` schedules with, before jitter: what the store keeps for the next 304.
    public static func pollInterval(
        now: Date,
        feedInterval: Duration?,
        settings: ScheduleSettings,
        publishedDates: [Date],
        hints: Hints
    ) -> Double {
        let lower = seconds(settings.minInterval)
        let upper = max(seconds(settings.maxInterval), lower)
        var interval: Double
        if let feedInterval {
            interval = seconds(feedInterval)
        } else if publishedDates.isEmpty {
            interval = min(max(seconds(settings.interval), lower), upper)
        } else {
            let weekAgo = now.addingTimeInterval(-7 * 86_400)
            let recent = publishedDates.filter { $0 > weekAgo && $0 <= now.addingTimeInterval(86_400) }
            if recent.isEmpty {
                interval = upper
            } else if recent.count == publishedDates.count, recent.count >= 2, let oldest = recent.min() {
                // The document holds less than a week: its own span says how fast the feed goes.
                let span = max(now.timeIntervalSince(oldest), 60)
                interval = min(max(span / Double(recent.count), lower), upper)
            } else {
                interval = min(max(7 * 86_400 / Double(recent.count), lower), upper)
            }
        }
        return max(interval, honouredDelay(hints, now: now))
    }

    /// The next fetch after a 304: the interval the last full fetch settled on (`previousInterval`), or the
    /// default, never earlier than this response's `max-age` or `Expires`.
    public static func afterNotModified(
        now: Date,
        feedInterval: Duration?,
        settings: ScheduleSettings,
        previousInterval: Double?,
        hints: Hints,
        jitter: Double
    ) -> Date {
        let lower = seconds(settings.minInterval)
        let upper = max(seconds(settings.maxInterval), lower)
        let base =
            feedInterval.map(seconds) ?? previousInterval ?? min(max(seconds(settings.interval), lower), upper)
        let interval = max(base, honouredDelay(hints, now: now))
        return now.addingTimeInterval(interval + interval * 0.1 * jitter)
    }

    /// The next attempt after a failure: exponential backoff from `minInterval` up to `maxInterval`, never before
    /// `Retry-After`.
    ///
    /// - Parameter consecutiveFailures: failures in a row, counting this one (1 for the first).
    public static func afterFailure(
        now: Date,
        consecutiveFailures: Int,
        settings: ScheduleSettings,
        retryAfter: Date?,
        jitter: Double
    ) -> Date {
        let lower = max(seconds(settings.minInterval), 60)
        let upper = max(seconds(settings.maxInterval), lower)
        let exponent = Double(min(max(consecutiveFailures - 1, 0), 30))
        var delay = min(lower * pow(2, exponent), upper)
        delay += delay * 0.25 * jitter
        if let retryAfter {
            delay = max(delay, min(retryAfter.timeIntervalSince(now), longestHonouredHint))
        }
        return now.addingTimeInterval(delay)
    }

    /// The `Retry-After` of a response as a date: delta-seconds or an HTTP-date.
    public static func retryAfterDate(_ header: String?, now: Date) -> Date? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
            return nil
        }
        if let seconds = Int(header) {
            return now.addingTimeInterval(Double(max(seconds, 0)))
        }
        return DateText.parse(header)
    }

    private static func honouredDelay(_ hints: Hints, now: Date) -> Double {
        var delay: Double = 0
        if let ttl = hints.ttlMinutes, ttl > 0 {
            delay = max(delay, Double(ttl) * 60)
        }
        if let period = hints.updateInterval, period > 0 {
            delay = max(delay, Double(period))
        }
        if let maxAge = hints.cacheMaxAge, maxAge > 0 {
            delay = max(delay, Double(maxAge))
        }
        if let expires = hints.expires {
            delay = max(delay, expires.timeIntervalSince(now))
        }
        return min(delay, longestHonouredHint)
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
