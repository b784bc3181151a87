import Foundation

/// Formats the digest's dates in one time zone with fixed English names, independent of the host's locale.
///
/// A date in another year than the digest's own carries its year, so a feed's old article or a feed failing since
/// last winter cannot pass for this week's. Holds DateFormatters, which are not thread-safe: create one per build
/// and use it on that thread only.
final class DigestDateFormatting {
    private let short: DateFormatter
    private let shortWithYear: DateFormatter
    private let long: DateFormatter
    private let dayFormatter: DateFormatter
    private let calendar: Calendar
    private let currentYear: Int

    /// - Parameter reference: an instant in the year that goes without saying (the digest's generation time).
    init(timeZone: TimeZone, reference: Date = Date()) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        func make(_ format: String) -> DateFormatter {
            let formatter = DateFormatter()
            formatter.calendar = calendar
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = timeZone
            formatter.dateFormat = format
            return formatter
        }
        short = make("EEE d MMM, HH:mm")
        shortWithYear = make("EEE d MMM yyyy, HH:mm")
        long = make("EEEE, d MMMM yyyy")
        dayFormatter = make("yyyy-MM-dd")
        self.calendar = calendar
        currentYear = calendar.component(.year, from: reference)
    }

    /// "Mon 29 Nov, 07:15" in the reference's year, else "Sat 29 Nov 2025, 07:15".
    func time(_ date: Date) -> String {
        calendar.component(.year, from: date) == currentYear
            ? short.string(from: date) : shortWithYear.string(from: date)
    }

    /// "Monday, 29 November 2026".
    func longDay(_ date: Date) -> String { long.string(from: date) }

    /// "2026-11-29".
    func day(_ date: Date) -> String { dayFormatter.string(from: date) }

    /// A rough length of time in words, e.g. "3 hours", "2 days", "1 week".
    static func interval(_ seconds: TimeInterval) -> String {
        let minutes = max(1, Int((seconds / 60).rounded()))
        if minutes < 90 { return DigestDocument.count(minutes, "minute", "minutes") }
        let hours = Int((seconds / 3600).rounded())
        if hours < 48 { return DigestDocument.count(hours, "hour", "hours") }
        let days = Int((seconds / 86400).rounded())
        if days < 14 { return DigestDocument.count(days, "day", "days") }
        return DigestDocument.count(Int((seconds / 604_800).rounded()), "week", "weeks")
    }
}
