import FeedConfig
import Foundation

/// `--since` of `articles` and `digest`: a duration back from now (`2d`, `12h`, `1w`), a calendar date
/// (`2026-11-01`, local midnight) or an RFC 3339 instant.
///
/// Both commands compare it with an article's publication time, or its first-seen time when the feed gave none
/// (the store's sort time), so `--since 1d` means the same thing in either.
enum SinceSyntax {
    static func parse(_ text: String, now: Date) -> Date? {
        if let duration = DurationSyntax.parse(text) {
            let seconds = Double(duration.components.seconds)
            return now.addingTimeInterval(-seconds)
        }
        let parts = text.split(separator: "-")
        if parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        {
            var components = DateComponents()
            components.year = year
            components.month = month
            components.day = day
            return Calendar.current.date(from: components)
        }
        return ISO8601DateFormatter().date(from: text)
    }
}
