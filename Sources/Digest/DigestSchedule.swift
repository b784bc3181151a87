import FeedConfig
import Foundation

/// When daily digests are due: every day at one wall-clock time in one time zone.
///
/// Instants are found with the zone's calendar, so the digest stays at 07:00 local time across daylight-saving
/// changes (23- and 25-hour days); a time skipped by a spring-forward change is taken at the first instant after
/// the gap, and a time that occurs twice in an autumn change is taken at its first occurrence.
public struct DigestSchedule: Sendable, Equatable {
    public var time: TimeOfDay
    public var timeZone: TimeZone

    public init(time: TimeOfDay, timeZone: TimeZone) {
        self.time = time
        self.timeZone = timeZone
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
        if today > date {
            return today
        }
        // Noon tomorrow is on the next calendar day whatever the day's length.
        let tomorrow = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: date)) ?? date
        return occurrence(onDayOf: tomorrow.addingTimeInterval(12 * 3600))
    }

    /// The latest scheduled instant at or before `date`.
    public func latest(atOrBefore date: Date) -> Date {
        let today = occurrence(onDayOf: date)
        if today <= date {
            return today
        }
        let yesterday = calendar.date(byAdding: .day, value: -1, to: calendar.startOfDay(for: date)) ?? date
        return occurrence(onDayOf: yesterday.addingTimeInterval(12 * 3600))
    }

    /// The digest's name for the day of `date` in the schedule's zone: `YYYY-MM-DD`.
    public func day(of date: Date) -> String {
        DigestDateFormatting(timeZone: timeZone).day(date)
    }
}
