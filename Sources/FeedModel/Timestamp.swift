import Foundation

/// Formats instants the way feedd prints them: RFC 3339, UTC, whole seconds (`2003-12-13T18:30:02Z`).
public enum Timestamp {
    /// The RFC 3339 UTC form of `date`, truncated to the second.
    public static func rfc3339(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        var remainder = seconds % 86_400
        if remainder < 0 {
            remainder += 86_400
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        var out: [UInt8] = []
        out.reserveCapacity(20)
        func append(_ value: Int64, digits: Int) {
            var divisor: Int64 = 1
            for _ in 1..<digits { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        append(year, digits: 4)
        out.append(UInt8(ascii: "-"))
        append(month, digits: 2)
        out.append(UInt8(ascii: "-"))
        append(day, digits: 2)
        out.append(UInt8(ascii: "T"))
        append(remainder / 3600, digits: 2)
        out.append(UInt8(ascii: ":"))
        append(remainder / 60 % 60, digits: 2)
        out.append(UInt8(ascii: ":"))
        append(remainder % 60, digits: 2)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The RFC 822 form of `date` in GMT (`Mon, 02 Jan 2006 15:04:05 GMT`), as HTTP and OPML write dates.
    public static func rfc822(_ date: Date) -> String {
        dayAndTime(date, paddedDay: true, zone: "GMT")
    }

    /// The RFC 5322 form of `date` in UTC (`Thu, 1 Jan 1970 00:00:00 +0000`), as a mail's Date header carries it.
    ///
    /// RFC 5322 calls the zone name "GMT" obsolete; a numeric zone is what mail programs write and expect.
    public static func rfc5322(_ date: Date) -> String {
        dayAndTime(date, paddedDay: false, zone: "+0000")
    }

    /// "Weekday, day Month year hh:mm:ss zone", the shape RFC 822 and its successors share.
    private static func dayAndTime(_ date: Date, paddedDay: Bool, zone: String) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        let weekday = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday (index 4).
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekdays[weekday]), \(paddedDay ? two(day) : "\(day)") \(months[Int(month) - 1]) \(year) "
            + "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) \(zone)"
    }

    /// Year, month, day of a count of days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
