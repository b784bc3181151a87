import Digest
import FeedConfig
import FeedModel
import FeedParsing
import FeedStore
import Foundation
import Testing

/// `[[digest]]` editions against a real store: scope, weekdays, a weekly period, watermarks of their own, highlights,
/// the Atom file.
@Suite struct DigestEditionTests {
    typealias Workspace = DigestJobTests.Workspace
    /// Wednesday 2 December 2026, 07:00 UTC.
    static let wednesday = Date(timeIntervalSince1970: 1_796_194_800)

    static func edition(_ name: String, in workspace: Workspace, configure: (inout DigestSettings) -> Void)
        -> DigestJob
    {
        var settings = workspace.settings
        settings.name = name
        settings.namedFiles = true
        configure(&settings)
        return DigestJob(store: workspace.store, settings: settings)
    }

    static func titles(_ written: DigestJob.Written) -> [String] {
        written.digest.groups.flatMap { $0.feeds.flatMap(\.entries) }.map(\.title).sorted()
    }

    @Test func twoEditionsWithTheirOwnScopeDaysAndWatermarks() throws {
        let workspace = try Workspace()
        let news = try workspace.feed("news", tags: ["news"])
        let blog = try workspace.feed("blog", tags: ["tech"])
        try workspace.ingest(1...2, feed: news, at: Self.wednesday.addingTimeInterval(-3600))
        try workspace.ingest(3...3, feed: blog, at: Self.wednesday.addingTimeInterval(-3600))
        let daily = Self.edition("daily", in: workspace) {
            $0.tags = ["news"]
            $0.days = [2, 3, 4, 5, 6]
        }
        let techOnly = Self.edition("tech", in: workspace) { $0.feedURLs = ["http://BLOG.example/feed"] }
        let dailyWritten = try daily.writeDaily(occurrence: Self.wednesday, now: Self.wednesday)
        #expect(Self.titles(dailyWritten) == ["Story 1", "Story 2"])
        // Health is the edition's feeds' only.
        #expect(dailyWritten.digest.healthSummary.feedTotal == 1)
        let techWritten = try techOnly.writeDaily(occurrence: Self.wednesday, now: Self.wednesday)
        #expect(Self.titles(techWritten) == ["Story 3"])
        #expect(techWritten.digest.title.hasPrefix("feedd tech digest — "))
        // Files are named after the edition.
        let names = try FileManager.default.contentsOfDirectory(atPath: workspace.settings.directory).sorted()
        #expect(names.contains("daily-2026-12-02.html") && names.contains("daily-latest.html"))
        #expect(names.contains("tech-2026-12-02.md") && names.contains("tech-latest.html"))
        // Each edition moved its own watermark.
        #expect(try workspace.store.digestWatermark("daily")?.day == "2026-12-02")
        #expect(try workspace.store.digestWatermark("tech")?.day == "2026-12-02")
        // Weekdays: a weekday edition is not due on Saturday or Sunday; Monday's covers the weekend.
        let saturday = Self.wednesday.addingTimeInterval(3 * 86_400 + 3600)
        #expect(daily.schedule.latest(atOrBefore: saturday) == Self.wednesday.addingTimeInterval(2 * 86_400))
        let monday = Self.wednesday.addingTimeInterval(5 * 86_400)
        #expect(daily.schedule.next(after: saturday) == monday)
        #expect(daily.schedule.period(endingAt: monday) == 3 * 86_400)
    }

    @Test func aWeeklyEditionsFirstRunCoversItsWeek() throws {
        let workspace = try Workspace()
        let news = try workspace.feed("news")
        // Published 5 days ago (in the week) and 9 days ago (before it); both arrive now.
        let now = Self.wednesday
        try workspace.store.apply(
            FeedUpdate(
                feedID: news, attemptedAt: now,
                outcome: .fetched(
                    status: 200, etag: nil, lastModified: nil, title: nil, siteLink: nil,
                    articles: [5, 9].map { days in
                        Article(
                            guid: "d\(days)", canonicalURL: "https://news.example/\(days)", title: "Day \(days)",
                            published: now.addingTimeInterval(-Double(days) * 86_400), contentText: "Text \(days).",
                            contentHash: "h\(days)")
                    }),
                nextDueAt: now.addingTimeInterval(3600)))
        let weekly = Self.edition("weekly", in: workspace) { $0.days = [4] }  // Wednesdays
        #expect(weekly.schedule.period(endingAt: now) == 7 * 86_400)
        let written = try weekly.writeDaily(occurrence: now, now: now)
        #expect(Self.titles(written) == ["Day 5"])
        #expect(written.digest.period.duration == 7 * 86_400)
        // A daily edition's first digest over the same store holds neither.
        let daily = Self.edition("daily", in: workspace) { _ in }
        #expect(try daily.writeDaily(occurrence: now, now: now).digest.isEmpty)
    }

    @Test func highlightedStoriesComeFirstInTheirOwnSection() throws {
        let workspace = try Workspace()
        let news = try workspace.feed("news", tags: ["news"])
        var highlighted = Article(
            guid: "h", canonicalURL: "https://news.example/h", title: "Outage at the exchange",
            published: Self.wednesday.addingTimeInterval(-600), contentText: "An outage stopped trading.",
            contentHash: "h")
        highlighted.rules.names = ["outages"]
        highlighted.rules.highlight = true
        let plain = Article(
            guid: "p", canonicalURL: "https://news.example/p", title: "Weather", published: Self.wednesday,
            contentText: "Sunny.", contentHash: "p")
        try workspace.store.apply(
            FeedUpdate(
                feedID: news, attemptedAt: Self.wednesday,
                outcome: .fetched(
                    status: 200, etag: nil, lastModified: nil, title: nil, siteLink: nil,
                    articles: [highlighted, plain]),
                nextDueAt: Self.wednesday.addingTimeInterval(3600)))
        let job = Self.edition("daily", in: workspace) { _ in }
        let digest = try job.writeDaily(occurrence: Self.wednesday, now: Self.wednesday).digest
        #expect(digest.groups.map(\.heading) == ["Highlights", "news"])
        let entry = try #require(digest.groups.first?.feeds.first?.entries.first)
        #expect(entry.title == "Outage at the exchange")
        #expect(entry.alsoInText == "rule: outages")
        #expect(digest.groups[1].feeds.flatMap(\.entries).map(\.title) == ["Weather"])
        #expect(digest.contentsText == "2 stories: Highlights 1 · news 1")
        for format in [DigestFormat.html, .markdown, .text] {
            let rendered = DigestRenderer.render(digest, as: format)
            let highlights = try #require(rendered.range(of: format == .text ? "HIGHLIGHTS" : "Highlights"))
            let weather = try #require(rendered.range(of: "Weather"))
            #expect(highlights.lowerBound < weather.lowerBound)
        }
    }

    @Test func theAtomFileListsEachEdition() throws {
        let workspace = try Workspace()
        let news = try workspace.feed("news")
        let job = Self.edition("weekly", in: workspace) {
            $0.atom = true
            $0.days = [4]
        }
        for week in 0..<3 {
            let at = Self.wednesday.addingTimeInterval(Double(week) * 7 * 86_400)
            try workspace.ingest(week...week, feed: news, at: at.addingTimeInterval(-60))
            _ = try job.writeDaily(occurrence: at, now: at)
        }
        let path = workspace.settings.directory + "/weekly.atom"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.components(separatedBy: "<entry>").count - 1 == 3)
        let ids = text.components(separatedBy: "<id>").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(
            ids == [
                "tag:feedd,2026:digest/weekly", "tag:feedd,2026:digest/weekly/2026-12-16",
                "tag:feedd,2026:digest/weekly/2026-12-09", "tag:feedd,2026:digest/weekly/2026-12-02",
            ])
        // Its content is the digest's body, escaped once, without the page's head.
        #expect(text.contains("&lt;h1&gt;feedd weekly digest"))
        #expect(!text.contains("Content-Security-Policy"))
        // feedd's own parser reads it as a clean Atom 1.0 feed, newest edition first.
        let document = try FeedParser.parse(Array(text.utf8), options: FeedParserOptions())
        #expect(document.format == .atom)
        #expect(!document.bozo, "\(document.problems)")
        #expect(document.entries.map(\.id).first == "tag:feedd,2026:digest/weekly/2026-12-16")
        #expect(document.entries.first?.content?.contains("Story 2") == true)
    }
}
