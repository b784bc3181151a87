import FeedModel
import FeedStore
import Foundation

/// When to fetch a feed next, and what decided it: after a success, every interval the owner set (or with
/// `adaptive`, at the pace the feed publishes), never earlier than the feed and the server ask; after a failure,
/// backing off.
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

    /// The next fetch after a success, and what decided it.
    ///
    /// The interval is the feed's own (`[[feed]] interval`, `feedctl add --interval`), else `[fetch] interval`;
    /// with `adaptive`, a feed without its own follows its pace instead (see `pollInterval`). Whatever the mode,
    /// the feed is never asked again before its `ttl`, `sy:updatePeriod`, `max-age` or `Expires` allow.
    public static func afterSuccess(
        now: Date,
        feedInterval: Duration?,
        settings: ScheduleSettings,
        publishedDates: [Date],
        hints: Hints,
        jitter: Double
    ) -> NextFetch {
        let interval = pollInterval(
            now: now, feedInterval: feedInterval, settings: settings, publishedDates: publishedDates, hints: hints)
        return spread(interval, now: now, jitter: jitter)
    }

    /// The interval `afterSuccess` schedules with, before jitter: what the store keeps for the next 304.
    ///
    /// With `settings.adaptive` and no interval of the feed's own, the feed's pace decides: a week divided by the
    /// entries it published in the last week (Miniflux's rule), or, when every entry of the document is from the
    /// last week, the time they span divided by their number, within `minInterval` and `maxInterval` (a feed that
    /// published nothing in the last week gets `maxInterval`); a feed whose entries carry no dates gets `interval`.
    public static func pollInterval(
        now: Date,
        feedInterval: Duration?,
        settings: ScheduleSettings,
        publishedDates: [Date],
        hints: Hints
    ) -> ScheduledInterval {
        let base: ScheduledInterval
        if let feedInterval {
            base = ScheduledInterval(seconds: seconds(feedInterval), reason: .feedInterval)
        } else if settings.adaptive, !publishedDates.isEmpty {
            base = pace(now: now, settings: settings, publishedDates: publishedDates)
        } else {
            base = ownersInterval(settings)
        }
        return base.atLeast(honouredDelay(hints, now: now))
    }

    /// The next fetch after a 304, never earlier than this response's `max-age` or `Expires`.
    public static func afterNotModified(
        now: Date,
        feedInterval: Duration?,
        settings: ScheduleSettings,
        previous: ScheduledInterval?,
        hints: Hints,
        jitter: Double
    ) -> NextFetch {
        let interval = notModifiedInterval(feedInterval: feedInterval, settings: settings, previous: previous)
        return spread(interval.atLeast(honouredDelay(hints, now: now)), now: now, jitter: jitter)
    }

    /// The interval a 304 keeps, before its cache headers: what the store keeps for the next one.
    ///
    /// The document has not changed, so what it asked for at the last full fetch (`previous`, from `pollInterval`:
    /// its `ttl` or `sy:updatePeriod`, or with `adaptive` its pace) still holds. The owner's interval is taken
    /// afresh, so a changed configuration applies without waiting for the feed to publish.
    public static func notModifiedInterval(
        feedInterval: Duration?,
        settings: ScheduleSettings,
        previous: ScheduledInterval?
    ) -> ScheduledInterval {
        let ownersReasons: [ScheduleReason] = [.interval, .feedInterval]
        if feedInterval == nil, settings.adaptive, let previous, !ownersReasons.contains(previous.reason) {
            return previous
        }
        let base =
            feedInterval.map { ScheduledInterval(seconds: seconds($0), reason: .feedInterval) }
            ?? ownersInterval(settings)
        guard let previous, [.ttl, .updatePeriod].contains(previous.reason) else {
            return base
        }
        return base.atLeast(previous)
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
    ) -> NextFetch {
        let lower = max(seconds(settings.minInterval), 60)
        let upper = max(seconds(settings.maxInterval), lower)
        let exponent = Double(min(max(consecutiveFailures - 1, 0), 30))
        var delay = min(lower * pow(2, exponent), upper)
        delay += delay * 0.25 * jitter
        var reason = ScheduleReason.backOff
        if let retryAfter {
            let asked = min(retryAfter.timeIntervalSince(now), longestHonouredHint)
            if asked > delay {
                delay = asked
                reason = .retryAfter
            }
        }
        return NextFetch(date: now.addingTimeInterval(delay), reason: reason)
    }

    /// The fetch `interval` from now, spread by up to a tenth of it, later only, so no hint is undercut.
    private static func spread(_ interval: ScheduledInterval, now: Date, jitter: Double) -> NextFetch {
        NextFetch(
            date: now.addingTimeInterval(interval.seconds + interval.seconds * 0.1 * jitter), reason: interval.reason)
    }

    /// `[fetch] interval`, within the bounds (which a loaded configuration guarantees anyway).
    private static func ownersInterval(_ settings: ScheduleSettings) -> ScheduledInterval {
        let lower = seconds(settings.minInterval)
        let upper = max(seconds(settings.maxInterval), lower)
        return ScheduledInterval(seconds: min(max(seconds(settings.interval), lower), upper), reason: .interval)
    }

    /// The interval the feed's publishing pace gives, within the bounds; the reason names a bound that cut it.
    private static func pace(now: Date, settings: ScheduleSettings, publishedDates: [Date]) -> ScheduledInterval {
        let lower = seconds(settings.minInterval)
        let upper = max(seconds(settings.maxInterval), lower)
        let weekAgo = now.addingTimeInterval(-7 * 86_400)
        let recent = publishedDates.filter { $0 > weekAgo && $0 <= now.addingTimeInterval(86_400) }
        let interval: Double
        if recent.isEmpty {
            return ScheduledInterval(seconds: upper, reason: .maxInterval)
        } else if recent.count == publishedDates.count, recent.count >= 2, let oldest = recent.min() {
            // The document holds less than a week: its own span says how fast the feed goes.
            let span = max(now.timeIntervalSince(oldest), 60)
            interval = span / Double(recent.count)
        } else {
            interval = 7 * 86_400 / Double(recent.count)
        }
        if interval < lower {
            return ScheduledInterval(seconds: lower, reason: .minInterval)
        }
        if interval > upper {
            return ScheduledInterval(seconds: upper, reason: .maxInterval)
        }
        return ScheduledInterval(seconds: interval, reason: .pace)
    }

    /// The longest delay the hints ask for (up to `longestHonouredHint`), named after the hint; the first in the
    /// order ttl, sy:updatePeriod, max-age, Expires wins a tie.
    private static func honouredDelay(_ hints: Hints, now: Date) -> ScheduledInterval? {
        var longest: ScheduledInterval?
        func consider(_ seconds: Double, _ reason: ScheduleReason) {
            let candidate = ScheduledInterval(seconds: min(seconds, longestHonouredHint), reason: reason)
            longest = longest?.atLeast(candidate) ?? candidate
        }
        if let ttl = hints.ttlMinutes, ttl > 0 {
            consider(Double(ttl) * 60, .ttl)
        }
        if let period = hints.updateInterval, period > 0 {
            consider(Double(period), .updatePeriod)
        }
        if let maxAge = hints.cacheMaxAge, maxAge > 0 {
            consider(Double(maxAge), .maxAge)
        }
        if let expires = hints.expires {
            consider(expires.timeIntervalSince(now), .expires)
        }
        return longest
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
