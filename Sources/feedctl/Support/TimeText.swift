import FeedModel
import Foundation

/// How feedctl writes instants and durations for people: "3h ago", "in 20m", "2026-11-29 14:05".
enum TimeText {
    /// "just now", "5m ago", "3h ago", "2d ago"; "in 20m" for the future.
    static func relative(_ date: Date, now: Date = Date()) -> String {
        let seconds = now.timeIntervalSince(date)
        if abs(seconds) < 60 {
            return seconds >= 0 ? "just now" : "in <1m"
        }
        let text = span(abs(seconds))
        return seconds >= 0 ? "\(text) ago" : "in \(text)"
    }

    /// "45s", "20m", "3h", "2d", "5w": the largest unit, rounded down.
    static func span(_ seconds: Double) -> String {
        let value = Int(seconds)
        switch value {
        case ..<60: return "\(value)s"
        case ..<3600: return "\(value / 60)m"
        case ..<86_400: return "\(value / 3600)h"
        case ..<(14 * 86_400): return "\(value / 86_400)d"
        default: return "\(value / (7 * 86_400))w"
        }
    }

    /// "2026-11-29 14:05" in the local time zone.
    static func local(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min))
    }
}
