/// What decided when a feed is fetched next, as the store keeps it next to the time (`next_due_reason`).
///
/// The raw values are what the store holds and what `feedctl list --json` prints as `next_due_reason`: they never
/// change once shipped (a store written by this build must read the same in the next one). A value this build does
/// not know reads as no reason at all.
public enum ScheduleReason: String, Sendable, CaseIterable {
    /// `[fetch] interval`, the owner's interval for every feed.
    case interval
    /// The feed's own interval: its `[[feed]] interval` or `feedctl add --interval`.
    case feedInterval = "feed_interval"
    /// The feed's pace, with `[fetch] adaptive`: a week divided by the entries of its last week.
    case pace
    /// With `[fetch] adaptive`: the feed's pace is faster than `[fetch] min_interval` allows.
    case minInterval = "min_interval"
    /// With `[fetch] adaptive`: the feed's pace is slower than `[fetch] max_interval`, or it published nothing in
    /// the last week.
    case maxInterval = "max_interval"
    /// The RSS `ttl` of the feed, longer than the interval.
    case ttl
    /// The feed's `sy:updatePeriod` and `sy:updateFrequency`, longer than the interval.
    case updatePeriod = "update_period"
    /// The server's `Cache-Control: max-age`, longer than the interval.
    case maxAge = "max_age"
    /// The server's `Expires`, later than the interval.
    case expires
    /// The server's `Retry-After` on a 429 or 503, later than the back-off.
    case retryAfter = "retry_after"
    /// Back-off after failures in a row (the feed's `consecutiveFailures` says how many).
    case backOff = "back_off"
    /// Due at once: the feed was just added and has not been fetched yet.
    case new
    /// Due at once: `feedctl refresh` asked for it.
    case refresh
}
