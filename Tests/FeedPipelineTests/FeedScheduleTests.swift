import FeedPipeline
import FeedStore
import Foundation
import Testing

@Suite struct FeedScheduleTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let settings = ScheduleSettings(interval: .seconds(3600), minInterval: .seconds(900), maxInterval: .seconds(86_400))
    var adaptive: ScheduleSettings {
        var adaptive = settings
        adaptive.adaptive = true
        return adaptive
    }

    func delay(_ next: NextFetch) -> Double { next.date.timeIntervalSince(now) }

    /// `entriesLastWeek` entries spread over the last ten hours, plus one from a month ago.
    func dates(entriesLastWeek: Int) -> [Date] {
        let recent = (0..<entriesLastWeek).map { now.addingTimeInterval(-Double($0 % 600) * 60 - 1) }
        return recent + [now.addingTimeInterval(-30 * 86_400)]
    }

    /// With `adaptive`: entries published in the last week give the interval a week divided by their number,
    /// clamped, and a bound that cuts it is named.
    @Test(arguments: [
        (0, 86_400.0, ScheduleReason.maxInterval),  // silent for a week: the maximum
        (7, 86_400.0, .pace),  // one a day
        (14, 43_200.0, .pace),
        (168, 3600.0, .pace),  // hourly
        (10_000, 900.0, .minInterval),  // a firehose: the minimum
    ])
    func adaptiveIntervalFollowsThePublishingPace(entriesLastWeek: Int, expected: Double, reason: ScheduleReason) {
        let next = FeedSchedule.afterSuccess(
            now: now, feedInterval: nil, settings: adaptive, publishedDates: dates(entriesLastWeek: entriesLastWeek),
            hints: .init(), jitter: 0)
        #expect(delay(next) == expected)
        #expect(next.reason == reason)
    }

    /// Without `adaptive` (the default) `[fetch] interval` is how often a feed is fetched, whatever its pace: a
    /// feed whose newest entry is weeks old is not put off to `max_interval`.
    @Test(arguments: [0, 7, 168, 10_000])
    func intervalIsHonouredWhateverThePace(entriesLastWeek: Int) {
        let next = FeedSchedule.afterSuccess(
            now: now, feedInterval: nil, settings: settings, publishedDates: dates(entriesLastWeek: entriesLastWeek),
            hints: .init(), jitter: 0)
        #expect(delay(next) == 3600)
        #expect(next.reason == .interval)
    }

    @Test(arguments: [false, true])
    func undatedFeedsUseTheIntervalAndTheFeedsOwnIntervalWins(adaptive: Bool) {
        var settings = settings
        settings.adaptive = adaptive
        let undated = FeedSchedule.afterSuccess(
            now: now, feedInterval: nil, settings: settings, publishedDates: [], hints: .init(), jitter: 0)
        #expect(delay(undated) == 3600)
        #expect(undated.reason == .interval)
        let own = FeedSchedule.afterSuccess(
            now: now, feedInterval: .seconds(300), settings: settings, publishedDates: dates(entriesLastWeek: 0),
            hints: .init(), jitter: 0)
        #expect(delay(own) == 300)
        #expect(own.reason == .feedInterval)
    }

    /// Whatever the mode, a hint that asks for longer than the interval (1h here) wins and is named.
    @Test(
        arguments: [
            (FeedSchedule.Hints(ttlMinutes: 180), 10_800.0, ScheduleReason.ttl),
            (FeedSchedule.Hints(ttlMinutes: 60), 3600.0, .interval),  // a tie keeps the interval
            (FeedSchedule.Hints(ttlMinutes: 30), 3600.0, .interval),
            (FeedSchedule.Hints(updateInterval: 7200), 7200.0, .updatePeriod),
            (FeedSchedule.Hints(cacheMaxAge: 5400), 5400.0, .maxAge),
            (FeedSchedule.Hints(expires: Date(timeIntervalSince1970: 1_780_000_000 + 4000)), 4000.0, .expires),
            (FeedSchedule.Hints(expires: Date(timeIntervalSince1970: 1_780_000_000 - 4000)), 3600.0, .interval),
            (FeedSchedule.Hints(ttlMinutes: 120, cacheMaxAge: 9000), 9000.0, .maxAge),
            (FeedSchedule.Hints(ttlMinutes: 60 * 24 * 365), 7 * 86_400.0, .ttl),  // capped
            (FeedSchedule.Hints(cacheMaxAge: 60), 3600.0, .interval),  // shorter than ours: ours
        ] as [(FeedSchedule.Hints, Double, ScheduleReason)], [false, true])
    func serverHintsAreNeverUndercut(
        hint: (hints: FeedSchedule.Hints, expected: Double, reason: ScheduleReason), adaptive: Bool
    ) {
        var settings = settings
        settings.adaptive = adaptive
        let next = FeedSchedule.afterSuccess(
            now: now, feedInterval: nil, settings: settings, publishedDates: [], hints: hint.hints, jitter: 0)
        #expect(delay(next) == hint.expected)
        #expect(next.reason == hint.reason)
    }

    @Test func hintsLengthenTheFeedsOwnIntervalToo() {
        let next = FeedSchedule.afterSuccess(
            now: now, feedInterval: .seconds(300), settings: settings, publishedDates: [],
            hints: .init(ttlMinutes: 10), jitter: 0)
        #expect(delay(next) == 600)
        #expect(next.reason == .ttl)
    }

    @Test func jitterSpreadsLaterByAtMostATenth() {
        let next = FeedSchedule.afterSuccess(
            now: now, feedInterval: nil, settings: settings, publishedDates: [], hints: .init(), jitter: 0.999)
        #expect(delay(next) > 3600)
        #expect(delay(next) < 3960)
        #expect(next.reason == .interval)
    }

    @Test(arguments: [(1, 900.0), (2, 1800.0), (3, 3600.0), (5, 14_400.0), (8, 86_400.0), (40, 86_400.0)])
    func failuresBackOffExponentiallyUpToTheMaximum(failures: Int, expected: Double) {
        let next = FeedSchedule.afterFailure(
            now: now, consecutiveFailures: failures, settings: settings, retryAfter: nil, jitter: 0)
        #expect(delay(next) == expected)
        #expect(next.reason == .backOff)
    }

    @Test func retryAfterIsHonouredButBounded() {
        let later = FeedSchedule.afterFailure(
            now: now, consecutiveFailures: 1, settings: settings, retryAfter: now.addingTimeInterval(7200), jitter: 0)
        #expect(delay(later) == 7200)
        #expect(later.reason == .retryAfter)
        let absurd = FeedSchedule.afterFailure(
            now: now, consecutiveFailures: 1, settings: settings, retryAfter: now.addingTimeInterval(1e9), jitter: 0)
        #expect(delay(absurd) == 7 * 86_400)
        #expect(absurd.reason == .retryAfter)
        let sooner = FeedSchedule.afterFailure(
            now: now, consecutiveFailures: 3, settings: settings, retryAfter: now.addingTimeInterval(60), jitter: 0)
        #expect(delay(sooner) == 3600)
        #expect(sooner.reason == .backOff)
    }
}

@Suite struct PaceAndNotModifiedTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    func settings(adaptive: Bool, interval: Int = 3600) -> ScheduleSettings {
        ScheduleSettings(
            interval: .seconds(interval), minInterval: .seconds(900), maxInterval: .seconds(86_400),
            adaptive: adaptive)
    }

    @Test func aDocumentShorterThanAWeekIsReadByItsSpan() {
        // Ten entries over the last ten hours: one an hour, not one every 16.8 hours.
        let dates = (0..<10).map { now.addingTimeInterval(-Double($0 + 1) * 3600) }
        let next = FeedSchedule.afterSuccess(
            now: now, feedInterval: nil, settings: settings(adaptive: true), publishedDates: dates, hints: .init(),
            jitter: 0)
        #expect(next.date.timeIntervalSince(now) == 3600)
        #expect(next.reason == .pace)
    }

    /// A 304 keeps what the document asked for at its last full fetch (its pace with `adaptive`, its ttl), takes
    /// the owner's interval afresh from the settings, and honours this response's cache headers.
    @Test(
        arguments: [
            // Adaptive: the pace of the last full fetch holds; a shorter max-age does not shorten it.
            (true, nil, ScheduledInterval(seconds: 7200, reason: .pace), .init(cacheMaxAge: 600), 7200, .pace),
            (true, nil, ScheduledInterval(seconds: 86_400, reason: .maxInterval), .init(), 86_400, .maxInterval),
            (true, nil, nil, .init(), 3600, .interval),  // nothing kept yet
            // Not adaptive: a pace kept from before (or by an older feedd) gives way to the interval.
            (false, nil, ScheduledInterval(seconds: 86_400, reason: .pace), .init(), 3600, .interval),
            (false, nil, nil, .init(), 3600, .interval),
            // The document's ttl still holds, in either mode; a longer max-age wins over it.
            (false, nil, ScheduledInterval(seconds: 7200, reason: .ttl), .init(), 7200, .ttl),
            (false, nil, ScheduledInterval(seconds: 7200, reason: .updatePeriod), .init(), 7200, .updatePeriod),
            (false, nil, ScheduledInterval(seconds: 7200, reason: .ttl), .init(cacheMaxAge: 9000), 9000, .maxAge),
            // The owner changed the interval from 2h to 1h: the 304 takes the new one.
            (false, nil, ScheduledInterval(seconds: 7200, reason: .interval), .init(), 3600, .interval),
            (true, nil, ScheduledInterval(seconds: 7200, reason: .interval), .init(), 3600, .interval),
            // The feed's own interval wins over a kept pace.
            (true, 600, ScheduledInterval(seconds: 7200, reason: .pace), .init(), 600, .feedInterval),
            (false, 600, ScheduledInterval(seconds: 7200, reason: .ttl), .init(), 7200, .ttl),
        ] as [(Bool, Int?, ScheduledInterval?, FeedSchedule.Hints, Double, ScheduleReason)])
    func aNotModifiedKeepsWhatTheDocumentAskedFor(
        adaptive: Bool, feedInterval: Int?, previous: ScheduledInterval?, hints: FeedSchedule.Hints,
        expected: Double, reason: ScheduleReason
    ) {
        let next = FeedSchedule.afterNotModified(
            now: now, feedInterval: feedInterval.map { .seconds($0) }, settings: settings(adaptive: adaptive),
            previous: previous, hints: hints, jitter: 0)
        #expect(next.date.timeIntervalSince(now) == expected)
        #expect(next.reason == reason)
    }
}
