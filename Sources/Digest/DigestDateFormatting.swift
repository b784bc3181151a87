import Foundation

/// Formats the digest's dates in one time zone with fixed English names, independent of the host's locale.
///
/// Holds DateFormatters, which are not thread-safe: create one per build and use it on that thread only.
final class DigestDateFormatting {
    private let short: DateFormatter
    private let long: DateFormatter
    private let dayFormatter: DateFormatter

    init(timeZone: TimeZone) {
        func make(_ format: String) -> DateFormatter {
            let formatter = DateFormatter()
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            formatter.calendar = calendar
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = timeZone
            formatter.dateFormat = format
            return formatter
        }
        short = make("EEE d MMM, HH:mm")
        long = make("EEEE, d MMMM yyyy")
        dayFormatter = make("yyyy-MM-dd")
    }

    /// "Mon 29 Nov, 07:15".
    func time(_ date: Date) -> String { short.string(from: date) }

    /// "Monday, 29 November 2026".
    func longDay(_ date: Date) -> String { long.string(from: date) }

    /// "2026-11-29".
    func day(_ date: Date) -> String { dayFormatter.string(from: date) }

    /// A rough length of time in words, e.g. "3 hours", "2 days", "1 week".
    static func interval(_ seconds: TimeInterval) -> String {
        let minutes = max(1, Int((seconds / 60).rounded()))
        if minutes < 90 { return Digest.count(minutes, "minute", "minutes") }
        let hours = Int((seconds / 3600).rounded())
        if hours < 48 { return Digest.count(hours, "hour", "hours") }
        let days = Int((seconds / 86400).rounded())
        if days < 14 { return Digest.count(days, "day", "days") }
        return Digest.count(Int((seconds / 604_800).rounded()), "week", "weeks")
    }
}
