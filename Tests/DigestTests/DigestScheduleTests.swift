import Digest
import FeedConfig
import Foundation
import Testing

@Suite struct DigestScheduleTests {
    static func instant(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text) ?? Date(timeIntervalSince1970: 0)
    }

    static func schedule(_ time: String, _ zone: String) throws -> DigestSchedule {
        DigestSchedule(
            time: try #require(TimeOfDay(parsing: time)), timeZone: try #require(TimeZone(identifier: zone)))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var time: String
        var zone: String
        var after: String
        var next: String
        var testDescription: String { "\(time) \(zone) after \(after)" }
    }

    @Test(arguments: [
        // An ordinary day, before and after the time, and exactly at it.
        Case(time: "07:00", zone: "Europe/Berlin", after: "2026-11-29T05:00:00Z", next: "2026-11-29T06:00:00Z"),
        Case(time: "07:00", zone: "Europe/Berlin", after: "2026-11-29T06:00:00Z", next: "2026-11-30T06:00:00Z"),
        // Spring forward in Berlin (2026-03-29, 02:00 → 03:00): 07:00 is at 05:00Z, the day has 23 hours.
        Case(time: "07:00", zone: "Europe/Berlin", after: "2026-03-28T06:30:00Z", next: "2026-03-29T05:00:00Z"),
        // 02:30 does not exist that day: the first instant after the gap.
        Case(time: "02:30", zone: "Europe/Berlin", after: "2026-03-28T12:00:00Z", next: "2026-03-29T01:00:00Z"),
        // Fall back in New York (2026-11-01, 02:00 → 01:00): 07:00 is at 12:00Z, the day has 25 hours.
        Case(time: "07:00", zone: "America/New_York", after: "2026-10-31T11:30:00Z", next: "2026-11-01T12:00:00Z"),
        Case(time: "07:00", zone: "America/New_York", after: "2026-11-01T12:00:00Z", next: "2026-11-02T12:00:00Z"),
        // 01:30 happens twice that night: the first one (EDT).
        Case(time: "01:30", zone: "America/New_York", after: "2026-10-31T12:00:00Z", next: "2026-11-01T05:30:00Z"),
        Case(time: "00:00", zone: "UTC", after: "2026-12-31T23:59:59Z", next: "2027-01-01T00:00:00Z"),
    ])
    func nextOccurrence(_ test: Case) throws {
        let schedule = try Self.schedule(test.time, test.zone)
        #expect(schedule.next(after: Self.instant(test.after)) == Self.instant(test.next))
    }

    @Test func latestIsTheLastOccurrenceAtOrBefore() throws {
        let schedule = try Self.schedule("07:00", "Europe/Berlin")
        #expect(
            schedule.latest(atOrBefore: Self.instant("2026-11-29T06:00:00Z")) == Self.instant("2026-11-29T06:00:00Z"))
        #expect(
            schedule.latest(atOrBefore: Self.instant("2026-11-29T05:59:59Z")) == Self.instant("2026-11-28T06:00:00Z"))
        // Across the spring-forward night: yesterday's 07:00 was still at 06:00Z.
        #expect(
            schedule.latest(atOrBefore: Self.instant("2026-03-29T04:00:00Z")) == Self.instant("2026-03-28T06:00:00Z"))
    }

    @Test func daysAreNamedInTheScheduleZone() throws {
        let tokyo = try Self.schedule("07:00", "Asia/Tokyo")
        #expect(tokyo.day(of: Self.instant("2026-11-29T22:00:00Z")) == "2026-11-30")
        let honolulu = try Self.schedule("07:00", "Pacific/Honolulu")
        #expect(honolulu.day(of: Self.instant("2026-01-01T05:00:00Z")) == "2025-12-31")
    }
}
