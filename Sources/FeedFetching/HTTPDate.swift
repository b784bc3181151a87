import Foundation

/// Reads an HTTP-date (RFC 9110 section 5.6.7) as servers send it in `Expires` and `Retry-After`.
///
/// HTTP dates are not feed dates: they come in exactly three forms, always in GMT, so they get a parser of their
/// own here instead of FeedParsing's forgiving feed date parser, which would also accept what no HTTP server means.
/// The forms are the preferred IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) and the two obsolete ones a
/// recipient must still read: RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`).
/// The only leniency is in what servers are known to get wrong harmlessly: names in any case, a one-digit day, and
/// runs of spaces. The weekday must be a weekday name but is not checked against the date, as RFC 9110 lets a
/// recipient ignore it. Pure and thread-safe.
enum HTTPDate {
    /// The moment `value` names, or nil when it is no HTTP-date (RFC 9110 reads an invalid `Expires`, "0" among
    /// them, as "already expired"; the caller's nil means "no hint", which schedules the same way).
    ///
    /// - Parameter now: decides the century of an RFC 850 two-digit year: the latest one that is not more than 50
    ///   years after `now`, as RFC 9110 requires.
    static func parse(_ value: String, now: Date = Date()) -> Date? {
        let tokens = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = tokens.first else {
            return nil
        }
        if first.hasSuffix(",") {
            let weekday = String(first.dropLast()).lowercased()
            if tokens.count == 6, shortWeekdays.contains(weekday), tokens[5] == "GMT",
                let day = number(tokens[1], digits: 1...2), let month = month(tokens[2]),
                let year = number(tokens[3], digits: 4...4)
            {
                return date(year: year, month: month, day: day, time: tokens[4])
            }
            let dateParts = tokens.count == 4 ? tokens[1].split(separator: "-", omittingEmptySubsequences: false) : []
            if dateParts.count == 3, longWeekdays.contains(weekday), tokens[3] == "GMT",
                let day = number(String(dateParts[0]), digits: 1...2), let month = month(String(dateParts[1])),
                let shortYear = number(String(dateParts[2]), digits: 2...2)
            {
                return centuries.lazy.reversed().compactMap { century in
                    date(year: century + shortYear, month: month, day: day, time: tokens[2])
                }.first { $0.timeIntervalSince(now) <= fiftyYears }
            }
            return nil
        }
        guard tokens.count == 5, shortWeekdays.contains(first.lowercased()), let month = month(tokens[1]),
            let day = number(tokens[2], digits: 1...2), let year = number(tokens[4], digits: 4...4)
        else {
            return nil
        }
        return date(year: year, month: month, day: day, time: tokens[3])
    }

    private static let shortWeekdays: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    private static let longWeekdays: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The centuries an RFC 850 year may fall in; far more than any server's clock needs.
    private static let centuries = stride(from: 1900, through: 2900, by: 100).map { $0 }

    /// RFC 9110's "more than 50 years in the future", in seconds of average Gregorian years.
    private static let fiftyYears = 50 * 365.2425 * 86_400

    private static func month(_ name: String) -> Int? {
        months.firstIndex(of: name.lowercased()).map { $0 + 1 }
    }

    /// The decimal value of `text` when it is only ASCII digits, as many as `digits` allows.
    private static func number(_ text: String, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(text.utf8.count),
            text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else {
            return nil
        }
        return Int(text)
    }

    /// The moment of a calendar date and an `HH:MM:SS` time of day in GMT, or nil when either does not exist.
    private static func date(year: Int, month: Int, day: Int, time: String) -> Date? {
        let clock = time.split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, let hour = number(String(clock[0]), digits: 2...2),
            let minute = number(String(clock[1]), digits: 2...2), let second = number(String(clock[2]), digits: 2...2),
            hour < 24, minute < 60, second <= 60,  // 60: a leap second, which RFC 9110 allows.
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else {
            return nil
        }
        let days = daysSince1970(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3_600 + minute * 60 + second))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            return leap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`), so no calendar
    /// or time zone object is needed for a date that is always GMT.
    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
