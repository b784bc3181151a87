import Foundation
import Testing

@testable import FeedFetching

/// HTTP-dates as `Expires` and `Retry-After` carry them: the three forms of RFC 9110 and nothing else.
@Suite struct HTTPDateTests {
    /// 2026-05-28 20:26:40 GMT: decides the century of RFC 850's two-digit years.
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test(
        arguments: [
            // IMF-fixdate, the form servers send today.
            ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777),
            ("Sat, 29 Nov 2025 10:15:00 GMT", 1_764_411_300),
            ("Thu, 29 Feb 2024 23:59:59 GMT", 1_709_251_199),
            ("Thu, 01 Jan 1970 00:00:00 GMT", 0),
            // Leniencies seen in the wild: a one-digit day, any case, extra spaces; the weekday is not checked.
            ("Sun, 6 Nov 1994 08:49:37 GMT", 784_111_777),
            ("SUN, 06 nov 1994 08:49:37 GMT", 784_111_777),
            ("Sun,  06 Nov 1994  08:49:37 GMT", 784_111_777),
            ("Mon, 06 Nov 1994 08:49:37 GMT", 784_111_777),
            // A leap second.
            ("Sat, 31 Dec 2016 23:59:60 GMT", 1_483_228_800),
            // Obsolete RFC 850, with a two-digit year not more than 50 years ahead.
            ("Sunday, 06-Nov-94 08:49:37 GMT", 784_111_777),
            ("Friday, 01-Jan-99 00:00:00 GMT", 915_148_800),
            ("Thursday, 01-Jan-70 00:00:00 GMT", 3_155_760_000),
            // Obsolete asctime, day padded with a space or not.
            ("Sun Nov  6 08:49:37 1994", 784_111_777),
            ("Sun Nov 6 08:49:37 1994", 784_111_777),
            ("Wed Nov 16 08:49:37 1994", 784_975_777),
        ] as [(String, Int)])
    func parses(value: String, seconds: Int) {
        #expect(HTTPDate.parse(value, now: Self.now) == Date(timeIntervalSince1970: Double(seconds)))
    }

    @Test(
        arguments: [
            "", "0", "-1", "soon", "1764411300",
            // Not GMT, or no zone: HTTP-dates are always GMT, and a feed date's zones are not HTTP's.
            "Sun, 06 Nov 1994 08:49:37 +0000", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 08:49:37",
            "Sun, 06 Nov 1994 08:49:37 gmt",
            // Dates and times that do not exist.
            "Fri, 30 Feb 2024 00:00:00 GMT", "Thu, 29 Feb 2023 00:00:00 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:60:00 GMT", "Sun, 00 Nov 1994 08:49:37 GMT", "Sun, 06 Nox 1994 08:49:37 GMT",
            // Malformed fields.
            "Sun, 06 Nov 94 08:49:37 GMT", "Sun, 006 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 8:49:37 GMT",
            "Sun, 06 Nov 1994 08:49 GMT", "Sun, 06 Nov 1994 08:49:37 GMT extra", "Funday, 06 Nov 1994 08:49:37 GMT",
            // A short weekday where RFC 850 has a long one, and the reverse.
            "Sun, 06-Nov-94 08:49:37 GMT", "Sunday, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-1994 08:49:37 GMT", "Sun Nov  6 08:49:37 94", "Sun Nov  6 08:49:37 1994 GMT",
            // ISO 8601, which feeds use and HTTP does not.
            "1994-11-06T08:49:37Z",
        ])
    func rejects(value: String) {
        #expect(HTTPDate.parse(value, now: Self.now) == nil)
    }
}
