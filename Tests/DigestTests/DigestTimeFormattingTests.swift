import Foundation
import Testing

@testable import Digest

@Suite struct DigestTimeFormattingTests {
    @Test(arguments: [
        // Europe/Berlin springs forward at 01:00 UTC on 2026-03-29 (02:00 CET becomes 03:00 CEST).
        ("Europe/Berlin", "2026-03-29T00:30:00Z", "Sun 29 Mar, 01:30"),
        ("Europe/Berlin", "2026-03-29T01:30:00Z", "Sun 29 Mar, 03:30"),
        ("Europe/Berlin", "2026-03-28T23:15:00Z", "Sun 29 Mar, 00:15"),
        // America/New_York falls back at 06:00 UTC on 2026-11-01 (02:00 EDT becomes 01:00 EST).
        ("America/New_York", "2026-11-01T05:30:00Z", "Sun 1 Nov, 01:30"),
        ("America/New_York", "2026-11-01T06:30:00Z", "Sun 1 Nov, 01:30"),
        ("America/New_York", "2026-11-01T04:59:00Z", "Sun 1 Nov, 00:59"),
        ("America/New_York", "2026-11-01T03:59:00Z", "Sat 31 Oct, 23:59"),
        ("UTC", "2026-11-29T07:15:00Z", "Sun 29 Nov, 07:15"),
    ])
    func entryTimeAcrossDaylightSavingChanges(zone: String, instant: String, expected: String) throws {
        let published = try #require(ISO8601DateFormatter().date(from: instant))
        let digest = Fixtures.build(
            [Fixtures.article(id: 1, feed: 1, published: published, firstSeen: published)],
            request: Fixtures.request(timeZone: zone, end: published.addingTimeInterval(60)))
        #expect(Fixtures.entries(digest).first?.dateText == expected)
    }

    @Test func newYorkFallBackKeepsOrderByInstant() throws {
        let early = try #require(ISO8601DateFormatter().date(from: "2026-11-01T05:30:00Z"))
        let late = early.addingTimeInterval(3600)
        let digest = Fixtures.build(
            [
                Fixtures.article(id: 1, feed: 1, published: early, firstSeen: early),
                Fixtures.article(id: 2, feed: 1, published: late, firstSeen: late),
            ],
            request: Fixtures.request(timeZone: "America/New_York", end: late.addingTimeInterval(60)))
        #expect(Fixtures.entries(digest).map(\.articleID) == [2, 1])
        #expect(digest.day == "2026-11-01")
        #expect(digest.title == "feedd digest — Sunday, 1 November 2026")
    }

    @Test func digestDayIsTheEndsDayInTheTimeZone() throws {
        // 2026-11-29 03:00 UTC is still the 28th in New York.
        let end = try #require(ISO8601DateFormatter().date(from: "2026-11-29T03:00:00Z"))
        let digest = Fixtures.build([], request: Fixtures.request(timeZone: "America/New_York", end: end))
        #expect(digest.day == "2026-11-28")
        #expect(digest.periodText == "Fri 27 Nov, 22:00 – Sat 28 Nov, 22:00")
    }

    @Test func fallsBackToFirstSeenWithoutPublished() {
        let digest = Fixtures.build([
            Fixtures.article(id: 1, feed: 1, published: nil, firstSeen: Fixtures.base.addingTimeInterval(-45 * 60))
        ])
        #expect(Fixtures.entries(digest).first?.dateText == "Sun 29 Nov, 05:15")
    }

    @Test func datesOfAnotherYearShowTheirYear() throws {
        let lastYear = try #require(ISO8601DateFormatter().date(from: "2025-11-29T07:15:00Z"))
        let thisYear = try #require(ISO8601DateFormatter().date(from: "2026-01-02T07:15:00Z"))
        let digest = Fixtures.build(
            [
                Fixtures.article(id: 1, feed: 1, published: lastYear, firstSeen: Fixtures.base),
                Fixtures.article(id: 2, feed: 1, published: thisYear, firstSeen: Fixtures.base),
            ],
            problems: [
                DigestFeedProblem(
                    feedTitle: "Old", url: "https://old.example/feed",
                    kind: .failing(since: lastYear, status: 500, error: "Internal Server Error"))
            ])
        #expect(Fixtures.entries(digest).map(\.dateText) == ["Fri 2 Jan, 07:15", "Sat 29 Nov 2025, 07:15"])
        #expect(digest.health.first?.text == "failing since Sat 29 Nov 2025, 07:15: HTTP 500, Internal Server Error")
        for rendered in [DigestRenderer.text(digest), DigestRenderer.markdown(digest), DigestRenderer.html(digest)] {
            #expect(rendered.contains("Sat 29 Nov 2025, 07:15"))
            #expect(rendered.contains("Fri 2 Jan, 07:15"))
            #expect(!rendered.contains("2 Jan 2026"))
        }
    }

    @Test func aPeriodAcrossNewYearShowsTheOldYear() throws {
        let end = try #require(ISO8601DateFormatter().date(from: "2027-01-01T07:00:00Z"))
        let digest = Fixtures.build([], request: Fixtures.request(end: end))
        #expect(digest.periodText == "Thu 31 Dec 2026, 07:00 – Fri 1 Jan, 07:00")
    }
}
