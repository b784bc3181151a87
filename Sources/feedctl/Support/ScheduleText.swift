import FeedConfig
import FeedStore
import Foundation

/// How feedctl says what decided a feed's next fetch: a short label for `list` and `add`, a phrase for `show`.
enum ScheduleText {
    /// "interval", "ttl", "back-off, 3 failures": what `list` puts in brackets after the time.
    static func label(_ reason: ScheduleReason, failures: Int) -> String {
        switch reason {
        case .interval: return "interval"
        case .feedInterval: return "own interval"
        case .pace: return "pace"
        case .minInterval: return "min_interval"
        case .maxInterval: return "max_interval"
        case .ttl: return "ttl"
        case .updatePeriod: return "sy:updatePeriod"
        case .maxAge: return "max-age"
        case .expires: return "Expires"
        case .retryAfter: return "Retry-After"
        case .backOff: return "back-off, \(Plural.count(failures, "failure"))"
        case .new: return "new"
        case .refresh: return "refresh"
        }
    }

    /// The NEXT cell of `list`: "in 42m (interval)", "5m overdue (new)", "-" for a gone feed.
    static func listCell(_ feed: StoredFeed, now: Date) -> String {
        guard feed.goneAt == nil else { return "-" }
        let time = TimeText.relative(feed.nextDueAt, now: now).replacingOccurrences(of: " ago", with: " overdue")
        guard let reason = feed.nextDueReason else { return time }
        return "\(time) (\(label(reason, failures: feed.consecutiveFailures)))"
    }

    /// "every 1h, the [fetch] interval", "backing off after 3 failures in a row": why `show` says the next fetch
    /// is when it is; nil when the store does not know (a schedule made before feedd recorded it).
    static func phrase(_ feed: StoredFeed) -> String? {
        guard let reason = feed.nextDueReason else { return nil }
        let what: String
        switch reason {
        case .interval: what = "the [fetch] interval"
        case .feedInterval:
            what = feed.source == .config ? "its own [[feed]] interval" : "its own interval (feedctl add --interval)"
        case .pace: what = "its publishing pace ([fetch] adaptive)"
        case .minInterval: what = "[fetch] min_interval, as its pace is faster ([fetch] adaptive)"
        case .maxInterval: what = "[fetch] max_interval, as its pace is slower ([fetch] adaptive)"
        case .ttl: what = "as the feed's ttl asks, longer than its interval"
        case .updatePeriod: what = "as the feed's sy:updatePeriod asks, longer than its interval"
        case .maxAge: return "not before the server's Cache-Control: max-age, later than its interval"
        case .expires: return "not before the server's Expires, later than its interval"
        case .retryAfter: return "as the server's Retry-After asks, later than the back-off"
        case .backOff: return "backing off after \(Plural.count(feed.consecutiveFailures, "failure")) in a row"
        case .new: return "at once: added, not fetched yet"
        case .refresh: return "at once: feedctl refresh asked for it"
        }
        // The interval is known when the last success settled on it for the same reason (not so after a failure
        // or from an older store).
        guard let seconds = feed.pollSeconds, feed.pollReason == reason else { return what }
        return "every \(every(seconds)), \(what)"
    }

    /// A whole interval as in the configuration ("1h", "3h22m"): to the minute once it is an hour or more.
    static func every(_ seconds: Double) -> String {
        let whole = seconds >= 3600 ? (seconds / 60).rounded() * 60 : seconds.rounded()
        return DurationSyntax.format(.seconds(Int64(max(whole, 1))))
    }
}
