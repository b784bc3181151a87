import Digest
import FeedConfig
import FeedFetching
import FeedModel
import FeedStore
import Foundation
import TestSupport
import Testing

/// The daily digest against a real store: what it selects, when it is due, files and watermark, mail retries.
@Suite struct DigestJobTests {
    /// A store and a digest directory in a fresh temporary directory.
    final class Workspace {
        let directory = NSTemporaryDirectory() + "digest-job-" + UUID().uuidString
        let store: FeedStore
        var settings: DigestSettings

        init() throws {
            store = try FeedStore(path: directory + "/feedd.sqlite", role: .daemon)
            settings = DigestSettings.defaults(stateDirectory: directory)
            settings.timeZoneIdentifier = "UTC"
        }

        deinit {
            try? FileManager.default.removeItem(atPath: directory)
        }

        var job: DigestJob { DigestJob(store: store, settings: settings) }

        func feed(_ name: String, tags: [String] = []) throws -> Int64 {
            switch try store.addFeed(NewFeed(url: "https://\(name).example/feed", title: name, tags: tags)) {
            case .added(let feed), .alreadyExists(let feed): return feed.id
            }
        }

        /// Stores articles numbered `numbers` in `feed`, first seen at `date`; `url` overrides the link of all.
        func ingest(_ numbers: ClosedRange<Int>, feed: Int64, at date: Date, url: String? = nil) throws {
            let articles = numbers.map { number in
                Article(
                    guid: "\(feed)-\(number)", canonicalURL: url ?? "https://news.example/\(number)",
                    link: url ?? "https://news.example/\(number)", title: "Story \(number)", published: date,
                    contentText: "Story \(number) happened. It matters.", contentHash: "\(feed)-\(number)")
            }
            try store.apply(
                FeedUpdate(
                    feedID: feed, attemptedAt: date,
                    outcome: .fetched(
                        status: 200, etag: nil, lastModified: nil, title: nil, siteLink: nil, articles: articles),
                    nextDueAt: date.addingTimeInterval(3600)))
        }

        /// Stores a feed's history as one fetch at `date`: an article published every `spacing` seconds back from
        /// `newest`, `count` of them, numbered from `first`, plus one undated article when asked.
        func ingestHistory(
            feed: Int64, name: String, count: Int, newest: Date, spacing: TimeInterval = 86_400, undated: Bool = false,
            at date: Date
        ) throws {
            var articles = (0..<count).map { index in
                Article(
                    guid: "\(name)-\(index)", canonicalURL: "https://\(name).example/\(index)",
                    link: "https://\(name).example/\(index)", title: "\(name) \(index)",
                    published: newest.addingTimeInterval(-Double(index) * spacing),
                    contentText: "\(name) item \(index) happened.", contentHash: "\(name)-\(index)")
            }
            if undated {
                articles.append(
                    Article(
                        guid: "\(name)-undated", canonicalURL: "https://\(name).example/undated",
                        link: "https://\(name).example/undated", title: "\(name) undated", published: nil,
                        contentText: "Undated item.", contentHash: "\(name)-undated"))
            }
            try store.apply(
                FeedUpdate(
                    feedID: feed, attemptedAt: date,
                    outcome: .fetched(
                        status: 200, etag: nil, lastModified: nil, title: nil, siteLink: nil, articles: articles),
                    nextDueAt: date.addingTimeInterval(3600)))
        }
    }

    /// 2026-11-29 07:00 UTC.
    static let morning = Date(timeIntervalSince1970: 1_795_935_600)

    @Test func eachDigestHoldsWhatArrivedSinceThePreviousOneAndEachStoryOnce() throws {
        let workspace = try Workspace()
        let a = try workspace.feed("Alpha")
        let b = try workspace.feed("Beta")
        try workspace.ingest(1...3, feed: a, at: Self.morning.addingTimeInterval(-3600))
        let first = try workspace.job.writeDaily(occurrence: Self.morning, now: Self.morning)
        #expect(first.digest.storyCount == 3)
        #expect(
            first.paths.map { ($0 as NSString).lastPathComponent }.sorted()
                == ["2026-11-29.html", "2026-11-29.md", "2026-11-29.txt", "latest.html"])
        #expect(try workspace.store.digestWatermark(DigestJob.watermarkName)?.until == Self.morning)

        // The next day: a new story in two feeds, and Beta's late copy of story 1, which was in the first digest.
        let later = Self.morning.addingTimeInterval(3600)
        try workspace.ingest(4...4, feed: a, at: later)
        try workspace.ingest(4...4, feed: b, at: later)
        try workspace.ingest(1...1, feed: b, at: later, url: "https://news.example/1")
        let nextMorning = Self.morning.addingTimeInterval(86_400)
        let second = try workspace.job.writeDaily(occurrence: nextMorning, now: nextMorning)
        #expect(second.digest.storyCount == 1)
        #expect(second.digest.articleCount == 2)
        let entry = try #require(second.digest.groups.first?.feeds.first?.entries.first)
        #expect(entry.title == "Story 4")
        #expect(entry.alsoIn == ["Beta"])
        let text = try String(contentsOfFile: workspace.settings.directory + "/2026-11-30.txt", encoding: .utf8)
        #expect(text.contains("Story 4"))
        #expect(!text.contains("Story 1"))
    }

    @Test func aDigestIsDueOncePerScheduledTimeAndNotBeforeFeeddFirstRan() throws {
        let workspace = try Workspace()
        let job = workspace.job
        // feedd first ran after this morning's time: nothing is owed until tomorrow.
        #expect(
            try job.dueOccurrence(
                now: Self.morning.addingTimeInterval(7200), firstStart: Self.morning.addingTimeInterval(3600)) == nil)
        // It ran before: this morning's digest is owed, and once written it is not due again that day.
        let firstStart = Self.morning.addingTimeInterval(-86_400)
        #expect(
            try job.dueOccurrence(now: Self.morning.addingTimeInterval(7200), firstStart: firstStart) == Self.morning)
        _ = try job.writeDaily(occurrence: Self.morning, now: Self.morning.addingTimeInterval(7200))
        #expect(try job.dueOccurrence(now: Self.morning.addingTimeInterval(9000), firstStart: firstStart) == nil)
        // Asleep for two days: one digest, for the latest time, covering everything since the watermark.
        let wake = Self.morning.addingTimeInterval(2 * 86_400 + 60)
        #expect(try job.dueOccurrence(now: wake, firstStart: firstStart) == Self.morning.addingTimeInterval(2 * 86_400))
        #expect(try job.pending(now: wake).period.start == Self.morning.addingTimeInterval(7200))
    }

    @Test func anArticleStampedBeforeADigestButStoredAfterItIsInTheNextOne() throws {
        let workspace = try Workspace()
        let a = try workspace.feed("Alpha")
        try workspace.ingest(1...1, feed: a, at: Self.morning.addingTimeInterval(-600))
        _ = try workspace.job.writeDaily(occurrence: Self.morning, now: Self.morning)
        // A fetch that started before the digest was made and was stored after it.
        try workspace.ingest(2...2, feed: a, at: Self.morning.addingTimeInterval(-60))
        let nextMorning = Self.morning.addingTimeInterval(86_400)
        let next = try workspace.job.writeDaily(occurrence: nextMorning, now: nextMorning)
        #expect(next.digest.groups.flatMap { $0.feeds.flatMap(\.entries) }.map(\.title) == ["Story 2"])
    }

    @Test func movingTheTimeLaterDoesNotWriteTheDayAgain() throws {
        let workspace = try Workspace()
        let firstStart = Self.morning.addingTimeInterval(-86_400)
        _ = try workspace.job.writeDaily(occurrence: Self.morning, now: Self.morning)
        workspace.settings.time = TimeOfDay(hour: 9, minute: 0)
        #expect(
            try workspace.job.dueOccurrence(now: Self.morning.addingTimeInterval(3 * 3600), firstStart: firstStart)
                == nil)
        #expect(
            try workspace.job.dueOccurrence(
                now: Self.morning.addingTimeInterval(86_400 + 3 * 3600), firstStart: firstStart)
                == Self.morning.addingTimeInterval(86_400 + 2 * 3600))
    }

    @Test func nothingNewStillReportsBrokenFeeds() throws {
        let workspace = try Workspace()
        let broken = try workspace.feed("Broken")
        try workspace.store.apply(
            FeedUpdate(
                feedID: broken, attemptedAt: Self.morning.addingTimeInterval(-7200),
                outcome: .failed(status: 500, message: "https://Broken.example/feed: HTTP 500 Internal Server Error"),
                nextDueAt: Self.morning))
        let written = try workspace.job.writeDaily(occurrence: Self.morning, now: Self.morning)
        #expect(written.digest.isEmpty)
        #expect(written.digest.health.count == 1)
        let text = try String(contentsOfFile: workspace.settings.directory + "/2026-11-29.txt", encoding: .utf8)
        #expect(text.contains(written.digest.nothingNewText))
        #expect(text.contains("HTTP 500"))
    }

    @Test func aFailedMailIsSentLaterAndNeverTwice() throws {
        let workspace = try Workspace()
        let a = try workspace.feed("Alpha")
        try workspace.ingest(1...2, feed: a, at: Self.morning.addingTimeInterval(-600))
        let server = try LoopbackSMTPServer(rejectedRecipients: ["reader@example.net"])
        workspace.settings.mail = MailSettings(
            url: server.url(), from: "feedd <digest@example.org>", to: ["reader@example.net"], passwordFile: nil,
            enabled: true)
        _ = try workspace.job.writeDaily(occurrence: Self.morning, now: Self.morning)
        #expect(throws: MailError.self) { try workspace.job.sendPendingMail(now: Self.morning) }
        // The mail watermark stays where the digest began.
        let waiting = try #require(try workspace.store.digestWatermark(DigestJob.mailWatermarkName))
        #expect(waiting.untilID == nil)
        #expect(waiting.until == Self.morning.addingTimeInterval(-86_400))

        let working = try LoopbackSMTPServer()
        workspace.settings.mail?.url = working.url()
        let sent = try workspace.job.sendPendingMail(now: Self.morning.addingTimeInterval(60))
        #expect(sent?.end == Self.morning)
        #expect(working.receivedMails.count == 1)
        #expect(working.receivedMails.first?.messageText.contains("Story 2") == true)
        #expect(try workspace.job.sendPendingMail(now: Self.morning.addingTimeInterval(120)) == nil)
        #expect(working.receivedMails.count == 1)
    }

    @Test func theFirstDigestHoldsWhatWasPublishedInItsDayNotTheBacklog() throws {
        let workspace = try Workspace()
        // Two feeds subscribed an hour ago, each with a year of history, one item every 12 hours.
        let arrival = Self.morning.addingTimeInterval(-3600)
        for name in ["Alpha", "Beta"] {
            let feed = try workspace.feed(name, tags: ["News"])
            try workspace.ingestHistory(
                feed: feed, name: name, count: 730, newest: Self.morning.addingTimeInterval(-7200), spacing: 43_200,
                undated: name == "Alpha", at: arrival)
        }
        let first = try #require(try workspace.job.writeFirst(now: Self.morning))
        let digest = first.digest
        // Published in the last 24 hours: items 0 and 1 (2 and 14 hours old) of each feed, and Alpha's undated
        // one, which counts as published when first seen.
        #expect(digest.storyCount == 5)
        #expect(
            Set(Fixtures.entries(digest).map(\.title))
                == ["Alpha 0", "Alpha 1", "Alpha undated", "Beta 0", "Beta 1"])
        #expect(digest.period == DateInterval(start: Self.morning.addingTimeInterval(-86_400), end: Self.morning))
        #expect(digest.periodText == "Sat 28 Nov, 07:00 – Sun 29 Nov, 07:00")
        #expect(digest.leftOutCount == 2 * 728)
        #expect(digest.contentsText == "5 stories: News 5")
        #expect(digest.healthSummary.text == "2 feeds, all ok")
        let text = try String(contentsOfFile: workspace.settings.directory + "/2026-11-29.txt", encoding: .utf8)
        #expect(
            text.hasPrefix(
                """
                feedd digest — Sunday, 29 November 2026
                Sat 28 Nov, 07:00 – Sun 29 Nov, 07:00
                5 stories: News 5
                2 feeds, all ok
                Left out: 1456 older articles, published before Sat 28 Nov, 07:00;
                feedctl articles lists them.

                """), "\(text)")
        #expect(!text.contains("Alpha 2"))
        #expect(!text.contains("2025"))
        // Written once: the next call finds the watermark, and 07:00 today is that day, already written.
        #expect(try workspace.job.writeFirst(now: Self.morning.addingTimeInterval(60)) == nil)
        let firstStart = Self.morning.addingTimeInterval(-3600)
        #expect(
            try workspace.job.dueOccurrence(now: Self.morning.addingTimeInterval(120), firstStart: firstStart) == nil)
        #expect(
            try workspace.job.dueOccurrence(now: Self.morning.addingTimeInterval(86_400), firstStart: firstStart)
                == Self.morning.addingTimeInterval(86_400))
    }

    @Test func noFirstDigestBeforeAFeedIsSubscribed() throws {
        let workspace = try Workspace()
        #expect(try workspace.job.writeFirst(now: Self.morning) == nil)
        #expect(try workspace.store.digestWatermark(DigestJob.watermarkName) == nil)
    }

    /// Feeds imported after feedd started: the first digest waits for the cycle that fetched them all, rather than
    /// being written, empty or partial, by the tick before it.
    @Test func theFirstDigestWaitsUntilEveryFeedWasFetched() throws {
        let workspace = try Workspace()
        let a = try workspace.feed("Alpha")
        let b = try workspace.feed("Beta")
        #expect(try workspace.job.writeFirst(now: Self.morning) == nil)
        try workspace.ingest(1...2, feed: a, at: Self.morning.addingTimeInterval(-60))
        #expect(try workspace.job.writeFirst(now: Self.morning) == nil)
        #expect(try workspace.store.digestWatermark(DigestJob.watermarkName) == nil)
        try workspace.ingest(3...3, feed: b, at: Self.morning.addingTimeInterval(-30))
        let first = try #require(try workspace.job.writeFirst(now: Self.morning))
        #expect(first.digest.storyCount == 3)
    }

    @Test func aFeedAddedLaterBringsItsRecentArticlesButNotItsHistory() throws {
        let workspace = try Workspace()
        let a = try workspace.feed("Alpha")
        try workspace.ingest(1...2, feed: a, at: Self.morning.addingTimeInterval(-3600))
        _ = try workspace.job.writeDaily(occurrence: Self.morning, now: Self.morning)

        // During the day a feed with a year of history is added: one item a day, the newest an hour old.
        let added = Self.morning.addingTimeInterval(10 * 3600)
        let history = try workspace.feed("History")
        try workspace.ingestHistory(
            feed: history, name: "History", count: 365, newest: added.addingTimeInterval(-3600), at: added)
        try workspace.ingest(3...3, feed: a, at: added)
        let nextMorning = Self.morning.addingTimeInterval(86_400)
        let second = try workspace.job.writeDaily(occurrence: nextMorning, now: nextMorning)
        // Published since the previous digest (History 0) or less than a day before it (History 1, 15 hours
        // before); the rest is history, left out and counted.
        let titles = Fixtures.entries(second.digest).map(\.title)
        #expect(Set(titles) == ["Story 3", "History 0", "History 1"])
        #expect(second.digest.leftOutCount == 363)
        #expect(second.digest.period.start == Self.morning)
        #expect(
            second.digest.leftOutText
                == "Left out: 363 older articles, published before Sat 28 Nov, 07:00; feedctl articles lists them.")
    }

    @Test func theFirstMailCoversWhatTheFirstDigestDid() throws {
        let workspace = try Workspace()
        let feed = try workspace.feed("Alpha")
        try workspace.ingestHistory(
            feed: feed, name: "Alpha", count: 30, newest: Self.morning.addingTimeInterval(-7200),
            at: Self.morning.addingTimeInterval(-3600))
        let server = try LoopbackSMTPServer()
        workspace.settings.mail = MailSettings(
            url: server.url(), from: "feedd <digest@example.org>", to: ["reader@example.net"], passwordFile: nil,
            enabled: true)
        let first = try #require(try workspace.job.writeFirst(now: Self.morning))
        #expect(Fixtures.entries(first.digest).map(\.title) == ["Alpha 0"])
        #expect(try workspace.job.sendPendingMail(now: Self.morning) != nil)
        let mail = try #require(server.receivedMails.first?.messageText)
        #expect(mail.contains("Alpha 0"))
        #expect(!mail.contains("Alpha 1"))
        #expect(mail.contains("Left out: 29 older articles"))
    }
}
