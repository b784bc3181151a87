import FeedConfig
import FeedFetching
import FeedModel
import FeedPipeline
import FeedStore
import Foundation
import TestSupport
import Testing

/// `FullTextFetch` in process against a loopback server: conditional re-fetches, paywall stubs, and which
/// options an article page on another origin gets.
@Suite struct FullTextFetchTests {
    static func settings() -> FetchSettings {
        var settings = FetchSettings.defaults
        settings.allowPrivateAddresses = true
        return settings
    }

    static func document(_ server: LoopbackHTTPServer, paths: [String]) -> FeedDocument {
        FeedDocument(
            format: .rss,
            entries: paths.enumerated().map { index, path in
                Entry(id: "e\(index)", title: "Story", link: server.url(path), summary: "<p>A teaser.</p>")
            })
    }

    static func feed(_ temporary: TemporaryStore, url: String, options: FeedOptions) throws -> StoredFeed {
        guard case .added(let feed) = try temporary.store.addFeed(NewFeed(url: url, options: options)) else {
            throw FetchError(url: url, kind: .other(message: "not added"))
        }
        return feed
    }

    @Test func aPageFetchedBeforeIsAskedConditionallyAndItsExtractionReused() throws {
        let temporary = try TemporaryStore()
        let server = try LoopbackHTTPServer(concurrent: true)
        defer { server.stop() }
        server.setRoute(
            "/story-1",
            LoopbackHTTPServer.Response(
                headers: [("Content-Type", "text/html"), ("ETag", "\"p1\"")], body: Array(ArticlePage.html(1).utf8)))
        let fetch = FullTextFetch(
            store: temporary.store, fetcher: MultiFetcher(), settings: Self.settings(), credentialsDirectory: nil)
        let first = try Self.feed(temporary, url: server.url("/a.xml"), options: FeedOptions(fullText: "auto"))
        let second = try Self.feed(temporary, url: server.url("/b.xml"), options: FeedOptions(fullText: "auto"))

        var outcome = fetch.enrichWaiting(Self.document(server, paths: ["/story-1"]), of: first)
        var update = FeedUpdate(
            feedID: first.id, attemptedAt: Date(),
            outcome: .fetched(status: 200, etag: nil, lastModified: nil, title: nil, siteLink: nil, articles: []),
            nextDueAt: Date())
        outcome.apply(to: &update)
        _ = try temporary.store.apply(update)
        #expect(outcome.report?.extracted == 1)
        #expect(outcome.document.entries[0].content?.contains("Sentence 12 of the body of story 1") == true)
        #expect(outcome.document.entries[0].originalLink == server.url("/stories/1"))

        server.setRoute("/story-1", LoopbackHTTPServer.Response(status: 304))
        outcome = fetch.enrichWaiting(Self.document(server, paths: ["/story-1"]), of: second)

        #expect(server.receivedRequests.last?.header("If-None-Match") == "\"p1\"")
        #expect(outcome.report?.extracted == 1)
        #expect(outcome.document.entries[0].content?.contains("Sentence 12 of the body of story 1") == true)
    }

    @Test func aPaywallStubKeepsTheTeaserAndIsNoFailure() throws {
        let temporary = try TemporaryStore()
        let server = try LoopbackHTTPServer(concurrent: true)
        defer { server.stop() }
        let stub = """
            <html><head><title>Locked</title></head><body><article class="paywall"><h1>Locked story</h1>
            <p>The first lines of a story you can read only as a subscriber, cut off right here before it says
            anything at all about the matter in hand.</p>
            <div class="paywall-prompt">Subscribe to continue reading. Already a subscriber? Log in.</div>
            </article></body></html>
            """
        server.setRoute("/locked", .ok(stub, contentType: "text/html"))
        let fetch = FullTextFetch(
            store: temporary.store, fetcher: MultiFetcher(), settings: Self.settings(), credentialsDirectory: nil)
        let feed = try Self.feed(
            temporary, url: server.url("/feed.xml"), options: FeedOptions(fullText: "css:article"))

        let outcome = fetch.enrichWaiting(Self.document(server, paths: ["/locked"]), of: feed)

        #expect(outcome.document.entries[0].content == nil)
        #expect(outcome.report?.failed == 0)
        #expect(outcome.report?.paywalled == 1)
        #expect(outcome.report?.extracted == 0)
    }

    @Test func credentialsGoOnlyToPagesOnTheFeedsOrigin() throws {
        let temporary = try TemporaryStore()
        let feedServer = try LoopbackHTTPServer(concurrent: true)
        defer { feedServer.stop() }
        let other = try LoopbackHTTPServer(concurrent: true)
        defer { other.stop() }
        for server in [feedServer, other] {
            server.setRoute("/story-1", .ok(ArticlePage.html(1), contentType: "text/html"))
        }
        let fetch = FullTextFetch(
            store: temporary.store, fetcher: MultiFetcher(), settings: Self.settings(), credentialsDirectory: nil)
        let feed = try Self.feed(
            temporary, url: feedServer.url("/feed.xml"),
            options: FeedOptions(
                username: "me", headers: [.init(name: "X-Api-Key", value: "k")], userAgent: "Reader/1",
                fullText: "auto"))
        var document = Self.document(feedServer, paths: ["/story-1"])
        document.entries += Self.document(other, paths: ["/story-1"]).entries.map {
            var entry = $0
            entry.id = "other"
            return entry
        }

        let outcome = fetch.enrichWaiting(document, of: feed)

        #expect(outcome.report?.extracted == 2)
        let own = try #require(feedServer.receivedRequests.first)
        #expect(own.header("Authorization") != nil && own.header("X-Api-Key") == "k")
        let foreign = try #require(other.receivedRequests.first)
        #expect(foreign.header("Authorization") == nil && foreign.header("X-Api-Key") == nil)
        #expect(foreign.header("User-Agent") == "Reader/1")
    }
}

/// A page that fails in a way that may pass is tried again at the feed's next fetches before its article is
/// stored with the teaser.
@Suite struct FullTextRetryTests {
    @Test func aPageThatFailsForNowIsTriedAtTheNextFetchesThenGivenUp() throws {
        let temporary = try TemporaryStore()
        let server = try LoopbackHTTPServer(concurrent: true)
        defer { server.stop() }
        server.setRoute("/busy", LoopbackHTTPServer.Response(status: 503))
        let fetch = FullTextFetch(
            store: temporary.store, fetcher: MultiFetcher(), settings: FullTextFetchTests.settings(),
            credentialsDirectory: nil)
        let feed = try FullTextFetchTests.feed(
            temporary, url: server.url("/feed.xml"), options: FeedOptions(fullText: "auto"))
        let document = FullTextFetchTests.document(server, paths: ["/busy"])

        var outcomes: [FullTextFetch.Outcome] = []
        for _ in 1...3 {
            let outcome = fetch.enrichWaiting(document, of: feed)
            var update = FeedUpdate(
                feedID: feed.id, attemptedAt: Date(),
                outcome: .fetched(
                    status: 200, etag: "\"f\"", lastModified: nil, title: nil, siteLink: nil, articles: []),
                nextDueAt: Date())
            outcome.apply(to: &update)
            _ = try temporary.store.apply(update)
            outcomes.append(outcome)
        }

        #expect(outcomes.map(\.deferred) == [1, 1, 0])
        #expect(outcomes.map { $0.document.entries.count } == [0, 0, 1])
        #expect(outcomes.map { $0.report?.retrying ?? -1 } == [1, 1, 0])
        #expect(outcomes.last?.report?.failed == 1)
        #expect(outcomes.last?.report?.lastError?.contains("HTTP 503") == true)
        #expect(server.receivedRequests.count == 3)
    }
}
