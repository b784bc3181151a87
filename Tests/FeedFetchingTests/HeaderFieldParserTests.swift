import Foundation
import Testing

@testable import FeedFetching

@Suite struct HeaderFieldParserTests {
    @Test(
        arguments: [
            ("text/xml", "text/xml", nil),
            ("Application/Atom+XML; charset=UTF-8", "application/atom+xml", "utf-8"),
            ("text/html;charset=\"Windows-1252\"", "text/html", "windows-1252"),
            ("text/xml; q=1; CHARSET = koi8-r ", "text/xml", "koi8-r"),
            ("text/plain; charset=", "text/plain", nil),
            ("", nil, nil),
        ] as [(String, String?, String?)])
    func contentType(value: String, mediaType: String?, charset: String?) {
        let parsed = HeaderFieldParser.contentType(value)
        #expect(parsed.mediaType == mediaType)
        #expect(parsed.charset == charset)
    }

    @Test(
        arguments: [
            ("max-age=3600", 3600), ("public, MAX-AGE=60, must-revalidate", 60), ("max-age=\"30\"", 30),
            ("no-cache", nil), ("max-age=soon", nil), ("s-maxage=10", nil),
            ("max-age=99999999999999999999", 2_147_483_647),
        ] as [(String, Int?)])
    func maxAge(value: String, seconds: Int?) {
        #expect(HeaderFieldParser.maxAge(value) == seconds)
    }

    /// Retry-After: delta-seconds from the moment the response was read, or an HTTP-date.
    @Test(
        arguments: [
            ("120", 120), ("0", 0), (" 60 ", 60), ("99999999999999999999", 2_147_483_647),
            ("Sun, 29 Nov 2026 12:00:00 GMT", 1_795_953_600 - 1_780_000_000),
            ("Thu, 28 May 2026 20:26:00 GMT", -40),
            ("-5", nil), ("1.5", nil), ("+5", nil), ("soon", nil), ("", nil), ("2026-11-29T12:00:00Z", nil),
        ] as [(String, Int?)])
    func retryAfter(value: String, seconds: Int?) {
        let receivedAt = Date(timeIntervalSince1970: 1_780_000_000)
        let date = HeaderFieldParser.retryAfter(value, receivedAt: receivedAt)
        #expect(date.map { $0.timeIntervalSince(receivedAt) } == seconds.map(Double.init))
    }
}
