import FeedModel
import FeedStore
import Foundation
import Synchronization
import Testing

@testable import FeedAPI

/// Google Reader's subscriptions: list, edit, quickadd, and the configuration's feeds left alone.
@Suite struct GoogleReaderSubscriptionTests {
    static func subscriptions(_ fixture: APIFixture, _ authorization: String) async throws -> [[String: Any]] {
        let object = try APIFixture.object(
            await fixture.reader("api/0/subscription/list", authorization: authorization))
        return try #require(object["subscriptions"] as? [[String: Any]])
    }

    @Test func theListNamesFeedsByIDWithTheirTags() async throws {
        let fixture = try APIFixture()
        let feed = try fixture.addFeed("https://list.example/feed", title: "Listed", tags: ["tech", "daily"])
        let authorization = try await fixture.googleLogin()
        let list = try await Self.subscriptions(fixture, authorization)
        #expect(list.count == 1)
        #expect(list[0]["id"] as? String == "feed/\(feed)")
        #expect(list[0]["title"] as? String == "Listed")
        #expect(list[0]["url"] as? String == "https://list.example/feed")
        let categories = try #require(list[0]["categories"] as? [[String: Any]])
        #expect(categories.compactMap { $0["id"] as? String } == ["user/-/label/tech", "user/-/label/daily"])
        #expect(categories.compactMap { $0["label"] as? String } == ["tech", "daily"])
    }

    @Test func subscribeEditAndUnsubscribe() async throws {
        let changed = Atomic<Int>(0)
        let fixture = try APIFixture()
        let environment = APIEnvironment(
            gate: fixture.environment.gate, settings: fixture.environment.settings,
            configuration: fixture.environment.configuration, logger: fixture.environment.logger,
            feedsChanged: { changed.add(1, ordering: .relaxed) })
        let api = GoogleReaderAPI(environment: environment)
        func post(_ parameters: [(String, String)]) async -> APIResponse {
            await api.respond(
                to: APIFixture.request(.post, "/greader/reader/api/0/subscription/edit", parameters),
                account: APIFixture.account)
        }
        let subscribe = await post([
            ("ac", "subscribe"), ("s", "feed/https://new.example/feed"), ("t", "New"), ("a", "user/-/label/fresh"),
        ])
        #expect(String(decoding: subscribe.body, as: UTF8.self) == "OK")
        #expect(changed.load(ordering: .relaxed) == 1)
        let feed = try #require(try fixture.store.findSubscription("https://new.example/feed"))
        #expect(feed.customTitle == "New")
        #expect(feed.tags == ["fresh"])
        #expect(feed.source == .feedctl)
        let edit = await post([
            ("ac", "edit"), ("s", "feed/\(feed.id)"), ("t", "Renamed"), ("a", "user/-/label/more"),
            ("r", "user/-/label/fresh"),
        ])
        #expect(edit.status == 200)
        let edited = try #require(try fixture.store.findSubscription(String(feed.id)))
        #expect(edited.customTitle == "Renamed")
        #expect(edited.tags == ["more"])
        #expect(await post([("ac", "unsubscribe"), ("s", "feed/https://new.example/feed")]).status == 200)
        #expect(try fixture.store.findSubscription(String(feed.id)) == nil)
    }

    @Test(arguments: ["unsubscribe", "edit"])
    func configFeedsAreRefused(action: String) async throws {
        let fixture = try APIFixture()
        _ = try fixture.store.syncConfigFeeds([NewFeed(url: "https://config.example/feed", source: .config)])
        let feed = try #require(try fixture.store.findSubscription("https://config.example/feed"))
        let authorization = try await fixture.googleLogin()
        let response = await fixture.reader(
            .post, "api/0/subscription/edit", [("ac", action), ("s", "feed/\(feed.id)"), ("t", "Mine")],
            authorization: authorization)
        #expect(response.status == 400)
        #expect(
            String(decoding: response.body, as: UTF8.self) == "feed \(feed.id) comes from feedd.toml: change it there\n"
        )
        #expect(try fixture.store.findSubscription(String(feed.id))?.customTitle == nil)
    }

    @Test func quickAddSubscribesAndNamesTheStream() async throws {
        let fixture = try APIFixture()
        let authorization = try await fixture.googleLogin()
        let response = await fixture.reader(
            .post, "api/0/subscription/quickadd", [("quickadd", "https://quick.example/feed")],
            authorization: authorization)
        let object = try APIFixture.object(response)
        let feed = try #require(try fixture.store.findSubscription("https://quick.example/feed"))
        #expect(object["numResults"] as? Int == 1)
        #expect(object["query"] as? String == "https://quick.example/feed")
        #expect(object["streamId"] as? String == "feed/\(feed.id)")
        #expect(object["streamName"] as? String == "https://quick.example/feed")
    }

    @Test(arguments: ["file:///etc/passwd", "ftp://x.example/feed", "not a url", ""])
    func quickAddRefusesWhatIsNotHTTP(url: String) async throws {
        let fixture = try APIFixture()
        let authorization = try await fixture.googleLogin()
        let response = await fixture.reader(
            .post, "api/0/subscription/quickadd", [("quickadd", url)], authorization: authorization)
        #expect(response.status == 400)
        #expect(try fixture.store.subscriptions().isEmpty)
    }
}
