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
}
