import FeedConfig
import FeedFetching
import FeedPipeline
import FeedStore
import Foundation
import Logging
import TestSupport
import Testing

/// `FetchCycle` in process, against loopback servers: the window, abandonment, batched savepoints, failures.
///
/// No assertion depends on timing: responses are slowed down (`trickle`) only so that transfers overlap, and the
/// writer is held through its logger (`WriterProbe`) so that feeds queue up behind it; the bounded waits only
/// keep a broken cycle from hanging the run.
@Suite(.serialized) struct FetchCycleTests {
    /// The defaults, with loopback allowed and the caps a test names.
    static func settings(concurrency: Int, perHost: Int) -> FetchSettings {
        var settings = FetchSettings.defaults
        settings.allowPrivateAddresses = true
        settings.concurrency = concurrency
        settings.perHost = perHost
        // A trickled response must not count as a stalled transfer.
        settings.lowSpeedLimit = 1
        return settings
    }

    static func cycle(
        _ temporary: TemporaryStore, concurrency: Int, window: Int? = nil, bodyBudget: Int? = nil,
        logger: Logger? = nil
    ) -> FetchCycle {
        FetchCycle(
            store: temporary.store,
            fetcher: MultiFetcher(configuration: .init(concurrency: concurrency, perHost: concurrency)),
            settings: settings(concurrency: concurrency, perHost: concurrency),
            logger: logger ?? Logger(label: "feedd.pipeline.test") { _ in SwiftLogNoOpLogHandler() },
            window: window, bodyBudget: bodyBudget)
    }

    /// A feed of `items` entries sent a few hundred bytes at a time, so its transfer lasts a while.
    static func slow(_ name: String, items: ClosedRange<Int>, interval: Duration = .milliseconds(40))
        -> LoopbackHTTPServer.Response
    {
        var response = LoopbackHTTPServer.Response.ok(NumberedFeed.rss(name, items: items))
        response.delivery = .trickle(chunkSize: 256, interval: interval)
        return response
    }

    /// Waits (bounded) until `condition` holds, polling.
    static func eventually(_ condition: () throws -> Bool) async throws -> Bool {
        for _ in 0..<600 {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    @Test func neverMoreThanTheWindowOfFeedsBetweenRequestAndStore() async throws {
        let names = (0..<8).map { "f\($0)" }
        let server = try LoopbackHTTPServer(
            routes: Dictionary(uniqueKeysWithValues: names.map { ("/\($0).xml", Self.slow($0, items: 1...6)) }),
            lifetime: .seconds(120), concurrent: true)
        defer { server.stop() }
        let temporary = try TemporaryStore()
        let feeds = try temporary.addFeeds(names.map { server.url("/\($0).xml") })
        // The fetcher would run all eight at once; the window lets two be requested and not yet stored.
        let summary = await Self.cycle(temporary, concurrency: 8, window: 2).run(feeds)
        #expect(summary.feeds == 8)
        #expect(summary.fetched == 8)
        #expect(summary.inserted == 48)
        #expect(server.receivedRequests.count == 8)
        #expect(server.maxConcurrentResponses <= 2)
        #expect(try temporary.store.feeds().allSatisfy { $0.articleCount == 6 })
    }

    @Test func aBodyBudgetSmallerThanOneBodyFetchesOneFeedAtATime() async throws {
        let names = (0..<6).map { "f\($0)" }
        let server = try LoopbackHTTPServer(
            routes: Dictionary(uniqueKeysWithValues: names.map { ("/\($0).xml", Self.slow($0, items: 1...4)) }),
            lifetime: .seconds(120), concurrent: true)
        defer { server.stop() }
        let temporary = try TemporaryStore()
        let feeds = try temporary.addFeeds(names.map { server.url("/\($0).xml") })
        // The window would let all six be requested at once; a budget of one byte lets the next transfer start only
        // once the feed before it is stored, and still fetches every feed.
        let summary = await Self.cycle(temporary, concurrency: 8, bodyBudget: 1).run(feeds)
        #expect(summary.fetched == 6)
        #expect(summary.inserted == 24)
        #expect(server.receivedRequests.count == 6)
        #expect(server.maxConcurrentResponses == 1)
    }

    @Test func theWindowHoldsWhileStoringIsSlow() async throws {
        let names = (0..<6).map { "f\($0)" }
        let server = try LoopbackHTTPServer(
            routes: Dictionary(
                uniqueKeysWithValues: names.map { ("/\($0).xml", .ok(NumberedFeed.rss($0, items: 1...2))) }),
            lifetime: .seconds(120), concurrent: true)
        defer { server.stop() }
        let temporary = try TemporaryStore()
        let feeds = try temporary.addFeeds(names.map { server.url("/\($0).xml") })
        let probe = WriterProbe(store: temporary.store, holdFirst: true)
        let cycle = Self.cycle(temporary, concurrency: 8, window: 3, logger: probe.logger)
        let run = Task { await cycle.run(feeds) }
        // The writer is held after the first feed is stored: the window's two others are fetched and wait, and no
        // further feed is requested until one of them is stored.
        #expect(probe.waitUntilHeld())
        #expect(try await Self.eventually { server.receivedRequests.count >= 3 })
        try await Task.sleep(for: .milliseconds(500))
        #expect(server.receivedRequests.count == 3)
        probe.release()
        let summary = await run.value
        #expect(summary.fetched == 6)
        #expect(server.receivedRequests.count == 6)
    }

    @Test func anAbandonedCycleStoresWhatItParsedWholeAndNothingElse() async throws {
        let fast = ["a", "b"]
        let slow = ["c", "d", "e", "f"]
        var routes = Dictionary(
            uniqueKeysWithValues: fast.map {
                ("/\($0).xml", LoopbackHTTPServer.Response.ok(NumberedFeed.rss($0, items: 1...4)))
            })
        for name in slow {
            // About a minute to send: still in flight when the cycle is abandoned.
            routes["/\(name).xml"] = Self.slow(name, items: 1...9, interval: .seconds(2))
        }
        let server = try LoopbackHTTPServer(routes: routes, lifetime: .seconds(120), concurrent: true)
        defer { server.stop() }
        let temporary = try TemporaryStore()
        let feeds = try temporary.addFeeds((fast + slow).map { server.url("/\($0).xml") })
        let cycle = Self.cycle(temporary, concurrency: 8, window: 4)
        let run = Task { await cycle.run(feeds) }
        let fastStored = try await Self.eventually {
            try feeds[0..<2].allSatisfy { try temporary.feed($0.id)?.lastSuccessAt != nil }
        }
        #expect(fastStored)
        cycle.abortTransfers()
        let summary = await run.value
        #expect(summary.feeds == 6)
        #expect(summary.fetched == 2)
        // The aborted transfers are not the feeds' failures: nothing of them is stored, not even an attempt.
        #expect(summary.failed == 0)
        #expect(summary.storeErrors.isEmpty)
        for feed in feeds[0..<2] {
            #expect(try temporary.feed(feed.id)?.articleCount == 4)
        }
        for feed in feeds[2...] {
            let stored = try #require(try temporary.feed(feed.id))
            #expect(stored.articleCount == 0)
            #expect(stored.lastAttemptAt == nil)
            #expect(stored.consecutiveFailures == 0)
        }
    }

    @Test func feedsQueuedBehindACommitShareTheNextTransactionEachWhole() async throws {
        let names = (0..<10).map { "f\($0)" }
        let server = try LoopbackHTTPServer(
            routes: Dictionary(
                uniqueKeysWithValues: names.map { ("/\($0).xml", .ok(NumberedFeed.rss($0, items: 1...5))) }),
            lifetime: .seconds(120), concurrent: true)
        defer { server.stop() }
        let temporary = try TemporaryStore()
        let feeds = try temporary.addFeeds(names.map { server.url("/\($0).xml") })
        let probe = WriterProbe(store: temporary.store, holdFirst: true)
        let cycle = Self.cycle(temporary, concurrency: 16, logger: probe.logger)
        let run = Task { await cycle.run(feeds) }
        #expect(probe.waitUntilHeld())
        #expect(try await Self.eventually { server.receivedRequests.count == 10 })
        // Time for the other nine to be parsed and queued; were one late, it would only make one batch smaller.
        try await Task.sleep(for: .milliseconds(500))
        probe.release()
        let summary = await run.value
        #expect(summary.fetched == 10)
        #expect(summary.inserted == 50)
        let snapshots = probe.snapshots
        #expect(snapshots.count == 10)
        // One transaction a feed would show 1, 2, 3, …; a feed reported with more stored than reported so far
        // shared its transaction with the ones after it.
        #expect(snapshots.enumerated().contains { index, stored in stored > index + 1 })
        #expect(try temporary.store.feeds().allSatisfy { $0.articleCount == 5 })
    }

    @Test func aFailingFeedInABatchIsRecordedAndTheOthersStored() async throws {
        let good = ["a", "b", "c", "d"]
        var routes = Dictionary(
            uniqueKeysWithValues: good.map {
                ("/\($0).xml", LoopbackHTTPServer.Response.ok(NumberedFeed.rss($0, items: 1...3)))
            })
        routes["/broken.xml"] = LoopbackHTTPServer.Response(status: 500, body: Array("oops".utf8))
        routes["/removed.xml"] = .ok(NumberedFeed.rss("removed", items: 1...3))
        let server = try LoopbackHTTPServer(routes: routes, lifetime: .seconds(120), concurrent: true)
        defer { server.stop() }
        let temporary = try TemporaryStore()
        let feeds = try temporary.addFeeds(["a", "b", "broken", "c", "removed", "d"].map { server.url("/\($0).xml") })
        // Removed after the cycle took its list (as `feedctl remove` during a cycle): its articles have no feed to
        // belong to, so its savepoint fails inside whichever batch it lands in.
        _ = try temporary.store.removeFeed(feeds[4].url, configFile: nil)
        let probe = WriterProbe(store: temporary.store, holdFirst: true)
        let cycle = Self.cycle(temporary, concurrency: 16, logger: probe.logger)
        let run = Task { await cycle.run(feeds) }
        #expect(probe.waitUntilHeld())
        #expect(try await Self.eventually { server.receivedRequests.count == 6 })
        try await Task.sleep(for: .milliseconds(500))
        probe.release()
        let summary = await run.value
        #expect(summary.feeds == 6)
        #expect(summary.fetched == 5)
        #expect(summary.failed == 1)
        #expect(summary.storeErrors.count == 1)
        #expect(summary.storeErrors.first?.hasPrefix(feeds[4].url) == true)
        let broken = try #require(try temporary.feed(feeds[2].id))
        #expect(broken.lastStatus == 500)
        #expect(broken.consecutiveFailures == 1)
        #expect(broken.lastError != nil)
        for index in [0, 1, 3, 5] {
            #expect(try temporary.feed(feeds[index].id)?.articleCount == 3)
        }
        #expect(try temporary.feed(feeds[4].id) == nil)
    }
}
