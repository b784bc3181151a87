import FeedPipeline
import Foundation
import Testing

@Suite struct FeedScheduleTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let settings = ScheduleSettings(interval: .seconds(3600), minInterval: .seconds(900), maxInterval: .seconds(86_400))

    func delay(_ date: Date) -> Double { date.timeIntervalSince(now) }

    /// Entries published in the last week -> the interval a week divided by their number gives, clamped.
    @Test(arguments: [
        (0, 86_400.0),  // silent for a week: the maximum
        (7, 86_400.0),  // one a day
        (14, 43_200.0),
        (168, 3600.0),  // hourly
        (10_000, 900.0),  // a firehose: the minimum
    ])
    func intervalFollowsThePublishingPace(entriesLastWeek: Int, expected: Double) {
        let dates = (0..<entriesLastWeek).map { now.addingTimeInterval(-Double($0 % 600) * 60 - 1) }
        let old = [now.addingTimeInterval(-30 * 86_400)]
        let next = FeedSchedule.afterSuccess(
            now: now, feedInterval: nil, settings: settings, publishedDates: dates + old, hints: .init(), jitter: 0)
        #expect(delay(next) == expected)
    }

    @Test func undatedFeedsUseTheDefaultAndOwnersIntervalWins() {
        #expect(
            delay(
                FeedSchedule.afterSuccess(
                    now: now, feedInterval: nil, settings: settings, publishedDates: [], hints: .init(), jitter: 0))
                == 3600)
        #expect(
            delay(
                FeedSchedule.afterSuccess(
                    now: now, feedInterval: .seconds(300), settings: settings, publishedDates: [], hints: .init(),
                    jitter: 0)) == 300)
    }

    @Test(arguments: [
        (FeedSchedule.Hints(ttlMinutes: 180), 10_800.0),
        (FeedSchedule.Hints(updateInterval: 7200), 7200.0),
        (FeedSchedule.Hints(cacheMaxAge: 5400), 5400.0),
        (FeedSchedule.Hints(expires: Date(timeIntervalSince1970: 1_780_000_000 + 4000)), 4000.0),
        (FeedSchedule.Hints(ttlMinutes: 60 * 24 * 365), 7 * 86_400.0),  // capped
        (FeedSchedule.Hints(cacheMaxAge: 60), 300.0),  // shorter than ours: ours
    ])
    func serverHintsAreNeverUndercut(hints: FeedSchedule.Hints, expected: Double) {
        let next = FeedSchedule.afterSuccess(
            now: now, feedInterval: .seconds(300), settings: settings, publishedDates: [], hints: hints, jitter: 0)
        #expect(delay(next) == expected)
    }

    @Test func jitterSpreadsLaterByAtMostATenth() {
        let next = FeedSchedule.afterSuccess(
            now: now, feedInterval: nil, settings: settings, publishedDates: [], hints: .init(), jitter: 0.999)
        #expect(delay(next) > 3600)
        #expect(delay(next) < 3960)
    }

    @Test(arguments: [(1, 900.0), (2, 1800.0), (3, 3600.0), (5, 14_400.0), (8, 86_400.0), (40, 86_400.0)])
    func failuresBackOffExponentiallyUpToTheMaximum(failures: Int, expected: Double) {
        let next = FeedSchedule.afterFailure(
            now: now, consecutiveFailures: failures, settings: settings, retryAfter: nil, jitter: 0)
        #expect(delay(next) == expected)
    }

    @Test func retryAfterIsHonouredButBounded() {
        let later = FeedSchedule.afterFailure(
            now: now, consecutiveFailures: 1, settings: settings, retryAfter: now.addingTimeInterval(7200), jitter: 0)
        #expect(delay(later) == 7200)
        let absurd = FeedSchedule.afterFailure(
            now: now, consecutiveFailures: 1, settings: settings, retryAfter: now.addingTimeInterval(1e9), jitter: 0)
        #expect(delay(absurd) == 7 * 86_400)
    }

    @Test(
        arguments: [
            ("120", 120.0),
            ("0", 0.0),
            ("Sun, 29 Nov 2026 12:00:00 GMT", 1_795_953_600.0 - 1_780_000_000),
            ("soon", nil),
            ("", nil),
        ] as [(String, Double?)])
    func retryAfterHeader(header: String, expected: Double?) {
        let date = FeedSchedule.retryAfterDate(header, now: now)
        #expect(date.map(delay) == expected)
    }
}

@Suite struct PaceAndNotModifiedTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let settings = ScheduleSettings(interval: .seconds(3600), minInterval: .seconds(900), maxInterval: .seconds(86_400))

    @Test func aDocumentShorterThanAWeekIsReadByItsSpan() {
        // Ten entries over the last ten hours: one an hour, not one every 16.8 hours.
        let dates = (0..<10).map { now.addingTimeInterval(-Double($0 + 1) * 3600) }
        let next = FeedSchedule.afterSuccess(
            now: now, feedInterval: nil, settings: settings, publishedDates: dates, hints: .init(), jitter: 0)
        #expect(next.timeIntervalSince(now) == 3600)
    }

    @Test func aNotModifiedKeepsThePaceOfTheLastFullFetch() {
        let next = FeedSchedule.afterNotModified(
            now: now, feedInterval: nil, settings: settings, previousInterval: 7200,
            hints: .init(cacheMaxAge: 600), jitter: 0)
        #expect(next.timeIntervalSince(now) == 7200)
        let fresh = FeedSchedule.afterNotModified(
            now: now, feedInterval: nil, settings: settings, previousInterval: nil, hints: .init(), jitter: 0)
        #expect(fresh.timeIntervalSince(now) == 3600)
    }
}
