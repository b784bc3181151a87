import FeedFetching
import FeedModel
import FeedPipeline
import FeedStore
import Foundation
import Testing

@Suite struct FeedRefreshTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let settings = ScheduleSettings()

    func storedFeed(failures: Int = 0) throws -> StoredFeed {
        let directory = NSTemporaryDirectory() + "pipeline-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try FeedStore(path: directory + "/s.sqlite", role: .daemon)
        guard case .added(var feed) = try store.addFeed(NewFeed(url: "https://example.org/feed")) else {
            throw CancellationError()
        }
        feed.consecutiveFailures = failures
        return feed
    }

    static let rss = """
        <?xml version="1.0"?>
        <rss version="2.0"><channel><title>Example</title><link>https://example.org/</link><ttl>120</ttl>
        <item><title>One</title><link>https://example.org/1?utm_source=rss&amp;id=1</link>
        <description>&lt;p&gt;First paragraph.&lt;/p&gt;&lt;p&gt;Second &amp;amp; last.&lt;/p&gt;</description></item>
        <item><title>Two</title><guid isPermaLink="false">two</guid></item>
        </channel></rss>
        """

    @Test func aFeedBecomesArticlesAndASchedule() throws {
        let response = FetchResponse(
            status: 200, finalURL: "https://example.org/feed", etag: "\"e\"", body: Array(Self.rss.utf8))
        let (update, document) = FeedRefresh.update(
            for: try storedFeed(), result: .success(response), attemptedAt: now, settings: settings, jitter: 0)
        #expect(document?.title == "Example")
        guard case .fetched(let status, let etag, _, let title, let site, let articles) = update.outcome else {
            Issue.record("expected articles, got \(update.outcome)")
            return
        }
        #expect(status == 200)
        #expect(etag == "\"e\"")
        #expect(title == "Example")
        #expect(site == "https://example.org/")
        #expect(articles.count == 2)
        #expect(articles[0].canonicalURL == "https://example.org/1?id=1")
        #expect(articles[0].link == "https://example.org/1?utm_source=rss&id=1")
        #expect(articles[0].contentText == "First paragraph.\n\nSecond & last.")
        #expect(articles[0].summary == "First paragraph.\n\nSecond & last.")
        #expect(articles[1].guid == "two")
        #expect(articles[0].contentHash != articles[1].contentHash)
        // ttl 120 minutes is longer than the default hour, and is named.
        #expect(update.nextDueAt == now.addingTimeInterval(7200))
        #expect(update.nextDueReason == .ttl)
        #expect(update.pollSeconds == 7200)
        #expect(update.pollReason == .ttl)
    }

    /// The first hour: a feed whose newest entry is weeks old is fetched every `[fetch] interval`, not once a day,
    /// unless the owner asks for `adaptive`.
    @Test(arguments: [(false, 3600.0, ScheduleReason.interval), (true, 86_400.0, .maxInterval)])
    func aQuietFeedIsFetchedEveryIntervalUnlessAdaptive(
        adaptive: Bool, expected: Double, reason: ScheduleReason
    ) throws {
        let rss = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title>
            <item><title>Old</title><guid>old</guid><pubDate>Sun, 01 Mar 2026 09:00:00 GMT</pubDate></item>
            </channel></rss>
            """
        let response = FetchResponse(status: 200, finalURL: "https://example.org/feed", body: Array(rss.utf8))
        var settings = settings
        settings.adaptive = adaptive
        let (update, _) = FeedRefresh.update(
            for: try storedFeed(), result: .success(response), attemptedAt: now, settings: settings, jitter: 0)
        #expect(update.nextDueAt.timeIntervalSince(now) == expected)
        #expect(update.nextDueReason == reason)
    }

    /// What decided each schedule reaches the store, and a 304 keeps the ttl the document asked for.
    @Test func theReasonIsStoredWithEverySchedule() throws {
        let directory = NSTemporaryDirectory() + "pipeline-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try FeedStore(path: directory + "/s.sqlite", role: .daemon)
        guard case .added(let added) = try store.addFeed(NewFeed(url: "https://example.org/feed"), now: now) else {
            throw CancellationError()
        }
        #expect(added.nextDueReason == .new)

        let fetched = FetchResponse(
            status: 200, finalURL: "https://example.org/feed", etag: "\"e\"", body: Array(Self.rss.utf8))
        try store.apply(
            FeedRefresh.update(for: added, result: .success(fetched), attemptedAt: now, settings: settings, jitter: 0)
                .update)
        var feed = try store.feed("1")
        #expect(feed.nextDueReason == .ttl)
        #expect(feed.pollSeconds == 7200)
        #expect(feed.pollReason == .ttl)

        let later = now.addingTimeInterval(7200)
        let notModified = FetchResponse(status: 304, finalURL: "https://example.org/feed")
        try store.apply(
            FeedRefresh.update(
                for: feed, result: .success(notModified), attemptedAt: later, settings: settings, jitter: 0
            ).update)
        feed = try store.feed("1")
        #expect(feed.nextDueAt == later.addingTimeInterval(7200))
        #expect(feed.nextDueReason == .ttl)

        let failure = FetchError(url: feed.url, kind: .dns(message: "Could not resolve host"))
        for attempt in 1...3 {
            try store.apply(
                FeedRefresh.update(
                    for: feed, result: .failure(failure), attemptedAt: later, settings: settings, jitter: 0
                ).update)
            feed = try store.feed("1")
            #expect(feed.nextDueReason == .backOff)
            #expect(feed.consecutiveFailures == attempt)
        }
        // The failures leave the interval of the last success for the next 304.
        #expect(feed.pollReason == .ttl)

        #expect(try store.markDue("1", now: later) == 1)
        #expect(try store.feed("1").nextDueReason == .refresh)
    }

    @Test func notModifiedParsesNothing() throws {
        let response = FetchResponse(status: 304, finalURL: "https://example.org/feed", etag: "\"f\"")
        let (update, document) = FeedRefresh.update(
            for: try storedFeed(), result: .success(response), attemptedAt: now, settings: settings, jitter: 0)
        #expect(document == nil)
        guard case .notModified(let etag, _) = update.outcome else {
            Issue.record("expected not modified, got \(update.outcome)")
            return
        }
        #expect(etag == "\"f\"")
        #expect(update.nextDueAt == now.addingTimeInterval(3600))
        #expect(update.nextDueReason == .interval)
        #expect(update.pollSeconds == 3600)
        #expect(update.pollReason == .interval)
    }

    @Test(
        arguments: [
            (410, nil, "gone"),
            (404, nil, "https://example.org/feed: HTTP 404 Not Found"),
            (500, nil, "https://example.org/feed: HTTP 500 Internal Server Error"),
            (429, 7200, "https://example.org/feed: HTTP 429 Too Many Requests"),
            (503, 7200, "https://example.org/feed: HTTP 503 Service Unavailable"),
        ] as [(Int, Double?, String)])
    func errorStatuses(status: Int, retryAfter: Double?, expected: String) throws {
        let response = FetchResponse(
            status: status, finalURL: "https://example.org/feed", retryAfter: retryAfter.map(now.addingTimeInterval))
        let (update, _) = FeedRefresh.update(
            for: try storedFeed(failures: 2), result: .success(response), attemptedAt: now, settings: settings,
            jitter: 0)
        switch update.outcome {
        case .gone(let code):
            #expect(expected == "gone")
            #expect(code == 410)
        case .failed(let code, let message):
            #expect(code == status)
            #expect(message == expected)
            // Third failure in a row: 15 minutes doubled twice, unless Retry-After asks for longer.
            #expect(update.nextDueAt.timeIntervalSince(now) == (retryAfter == nil ? 3600 : 7200))
            #expect(update.nextDueReason == (retryAfter == nil ? .backOff : .retryAfter))
        default:
            Issue.record("unexpected \(update.outcome)")
        }
    }

    @Test func networkErrorsAndNonFeedsAreFailuresThatNameTheURL() throws {
        let error = FetchError(url: "https://example.org/feed", kind: .dns(message: "Could not resolve host"))
        let (update, _) = FeedRefresh.update(
            for: try storedFeed(), result: .failure(error), attemptedAt: now, settings: settings, jitter: 0)
        guard case .failed(nil, let message) = update.outcome else {
            Issue.record("unexpected \(update.outcome)")
            return
        }
        #expect(message == "https://example.org/feed: DNS lookup failed: Could not resolve host")

        let page = FetchResponse(
            status: 200, finalURL: "https://example.org/feed", body: Array("<html><body>hi</body></html>".utf8))
        let (pageUpdate, _) = FeedRefresh.update(
            for: try storedFeed(), result: .success(page), attemptedAt: now, settings: settings, jitter: 0)
        guard case .failed(200, let pageMessage) = pageUpdate.outcome else {
            Issue.record("unexpected \(pageUpdate.outcome)")
            return
        }
        #expect(pageMessage.hasPrefix("https://example.org/feed: "))
    }

    @Test func permanentRedirectIsReported() throws {
        let response = FetchResponse(
            status: 304, finalURL: "https://example.org/new-feed", redirectCount: 1, permanentRedirect: true)
        let (update, _) = FeedRefresh.update(
            for: try storedFeed(), result: .success(response), attemptedAt: now, settings: settings, jitter: 0)
        #expect(update.permanentRedirect == "https://example.org/new-feed")
    }
}
