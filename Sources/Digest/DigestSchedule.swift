import FeedConfig
import Foundation

/// When an edition's digests are due: at one wall-clock time in one time zone, on the edition's weekdays (every day
/// by default).
///
/// Instants are found with the zone's calendar, so the digest stays at 07:00 local time across daylight-saving
/// changes (23- and 25-hour days); a time skipped by a spring-forward change is taken at the first instant after
/// the gap, and a time that occurs twice in an autumn change is taken at its first occurrence.
public struct DigestSchedule: Sendable, Equatable {
    public var time: TimeOfDay
    public var timeZone: TimeZone
    /// Calendar weekday numbers (1 Sunday … 7 Saturday) the digest is made on; never empty.
    public var days: Set<Int>

    public init(time: TimeOfDay, timeZone: TimeZone, days: Set<Int> = Set(1...7)) {
        self.time = time
        self.timeZone = timeZone
        self.days = days.isEmpty ? Set(1...7) : days
    }

    /// True when the digest is made on the calendar day of `date`.
    private func isScheduled(_ date: Date) -> Bool {
        days.count == 7 || days.contains(calendar.component(.weekday, from: date))
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The scheduled instant on the calendar day of `date` in the schedule's zone.
    public func occurrence(onDayOf date: Date) -> Date {
        let calendar = calendar
        let midnight = calendar.startOfDay(for: date)
        // Searching from just before the day's start finds the time itself, the first instant after a gap that
        // swallows it, or the first of its two occurrences.
        return calendar.nextDate(
            after: midnight.addingTimeInterval(-1), matching: DateComponents(hour: time.hour, minute: time.minute),
            matchingPolicy: .nextTime, repeatedTimePolicy: .first, direction: .forward) ?? midnight
    }

    /// The first scheduled instant strictly after `date`.
    public func next(after date: Date) -> Date {
        let today = occurrence(onDayOf: date)
        if today > date, isScheduled(today) {
            return today
        }
        var day = date
        for _ in 0..<7 {
            day = noon(of: day, adding: 1)
            if isScheduled(day) { break }
        }
        return occurrence(onDayOf: day)
    }

    /// The latest scheduled instant at or before `date`.
    public func latest(atOrBefore date: Date) -> Date {
        let today = occurrence(onDayOf: date)
        if today <= date, isScheduled(today) {
            return today
        }
        var day = date
        for _ in 0..<7 {
            day = noon(of: day, adding: -1)
            if isScheduled(day) { break }
        }
        return occurrence(onDayOf: day)
    }

    /// The span an edition made at the scheduled `occurrence` covers: back to the scheduled instant before it (a
    /// day for a daily edition, a week for a weekly one, three days on a weekday edition's Monday).
    public func period(endingAt occurrence: Date) -> TimeInterval {
        occurrence.timeIntervalSince(latest(atOrBefore: occurrence.addingTimeInterval(-1)))
    }

    /// Noon on the calendar day `days` after the day of `date`: noon is inside the day whatever its length.
    private func noon(of date: Date, adding days: Int) -> Date {
        let calendar = calendar
        let start = calendar.date(byAdding: .day, value: days, to: calendar.startOfDay(for: date)) ?? date
        return start.addingTimeInterval(12 * 3600)
    }

    /// The digest's name for the day of `date` in the schedule's zone: `YYYY-MM-DD`.
    public func day(of date: Date) -> String {
        DigestDateFormatting(timeZone: timeZone).day(date)
    }
}
