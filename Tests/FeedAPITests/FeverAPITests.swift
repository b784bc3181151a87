import FeedModel
import FeedStore
import Foundation
import Testing

@testable import FeedAPI

/// Fever's calls against a real store: groups, feeds, items one per story, paging, marks, and refusals.
@Suite struct FeverAPITests {
    /// Two feeds share story "s" (articles 1 and 3): the later copy (3, feed b) is never an item.
    static func twoFeeds(_ fixture: APIFixture, at date: Date = Date(timeIntervalSince1970: 1_790_000_000)) throws
        -> (a: Int64, b: Int64)
    {
        let a = try fixture.addFeed("https://a.example/feed", title: "Alpha", tags: ["news", "tech"])
        let b = try fixture.addFeed("https://b.example/feed", title: "Beta", tags: ["news"])
        try fixture.ingest([APIFixture.article(1, story: "s"), APIFixture.article(2)], feedID: a, at: date)
        try fixture.ingest([APIFixture.article(3, story: "s"), APIFixture.article(4)], feedID: b, at: date)
        return (a, b)
    }

    @Test func everyAnswerSaysVersionAuthAndLastRefresh() async throws {
        let fixture = try APIFixture()
        let empty = try await fixture.fever([])
        #expect(empty["api_version"] as? Int == 3)
        #expect(empty["auth"] as? Int == 1)
        #expect(empty["last_refreshed_on_time"] as? Int == 0)
        _ = try Self.twoFeeds(fixture)
        #expect(try await fixture.fever([])["last_refreshed_on_time"] as? Int == 1_790_000_000)
    }

    @Test func theKeyMayComeInTheQuery() async throws {
        let fixture = try APIFixture()
        let request = APIRequest(
            method: .post, path: "/fever/", parameters: FormParameters(encoded: "api&api_key=\(fixture.feverKey)"))
        let response = await fixture.router.respond(to: request)
        #expect(response.status == 200)
        #expect(response.contentType.hasPrefix("application/json"))
    }

    @Test func groupsAreFeedTagsWithStableIDs() async throws {
        let fixture = try APIFixture()
        let (a, b) = try Self.twoFeeds(fixture)
        let first = try await fixture.fever([("groups", "")])
        let groups = try #require(first["groups"] as? [[String: Any]])
        #expect(groups.map { $0["title"] as? String } == ["news", "tech"])
        let news = FeverGroups.id(of: "news")
        let tech = FeverGroups.id(of: "tech")
        #expect(groups.map { ($0["id"] as? Int).map(Int64.init) } == [news, tech])
        let feedsGroups = try #require(first["feeds_groups"] as? [[String: Any]])
        #expect(feedsGroups.map { $0["feed_ids"] as? String } == ["\(a),\(b)", "\(a)"])
        #expect(feedsGroups.map { ($0["group_id"] as? Int).map(Int64.init) } == [news, tech])
        // A new tag does not move the old ones.
        _ = try fixture.addFeed("https://c.example/feed", tags: ["art"])
        let second = try #require(try await fixture.fever([("groups", "")])["groups"] as? [[String: Any]])
        #expect(second.map { $0["title"] as? String } == ["art", "news", "tech"])
        #expect(second.dropFirst().map { ($0["id"] as? Int).map(Int64.init) } == [news, tech])
    }

    @Test func feedsCarryFeverFields() async throws {
        let fixture = try APIFixture()
        let (a, _) = try Self.twoFeeds(fixture)
        let answer = try await fixture.fever([("feeds", "")])
        let feeds = try #require(answer["feeds"] as? [[String: Any]])
        #expect(feeds.map { $0["title"] as? String } == ["Alpha", "Beta"])
        let alpha = try #require(feeds.first)
        #expect(alpha["id"] as? Int == Int(a))
        #expect(alpha["url"] as? String == "https://a.example/feed")
        #expect(alpha["site_url"] as? String == "")
        #expect(alpha["is_spark"] as? Int == 0)
        #expect(alpha["favicon_id"] as? Int == 0)
        #expect(alpha["last_updated_on_time"] as? Int == 1_790_000_000)
        #expect((answer["feeds_groups"] as? [[String: Any]])?.count == 2)
    }

    @Test(arguments: ["favicons", "links"])
    func faviconsAndLinksAreEmptyLists(name: String) async throws {
        let fixture = try APIFixture()
        let answer = try await fixture.fever([(name, "")])
        #expect((answer[name] as? [Any])?.isEmpty == true)
    }

    @Test func aStoryInTwoFeedsIsOneItem() async throws {
        let fixture = try APIFixture()
        let (a, b) = try Self.twoFeeds(fixture)
        let answer = try await fixture.fever([("items", "")])
        let items = try #require(answer["items"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? Int } == [1, 2, 4])
        #expect(items.map { ($0["feed_id"] as? Int).map(Int64.init) } == [a, a, b])
        #expect(answer["total_items"] as? Int == 3)
        let first = try #require(items.first)
        #expect(first["title"] as? String == "Story 1")
        #expect(first["author"] as? String == "Ann Writer")
        #expect(first["url"] as? String == "https://example.org/story/s")
        #expect((first["html"] as? String)?.hasPrefix("<p>Body of story s") == true)
        #expect(first["is_read"] as? Int == 0)
        #expect(first["is_saved"] as? Int == 0)
        #expect(first["created_on_time"] as? Int == 1_780_000_060)
        #expect(try await fixture.fever([("unread_item_ids", "")])["unread_item_ids"] as? String == "1,2,4")
        // Asked for by id, the copy is still not an item.
        let byID = try await fixture.fever([("items", ""), ("with_ids", "3,4")])
        #expect((byID["items"] as? [[String: Any]])?.map { $0["id"] as? Int } == [4])
    }

    @Test func readingAnItemReadsItsCopies() async throws {
        let fixture = try APIFixture()
        _ = try Self.twoFeeds(fixture)
        let marked = try await fixture.fever([("mark", "item"), ("as", "read"), ("id", "1")])
        #expect(marked["auth"] as? Int == 1)
        #expect(try fixture.store.article(id: 1)?.readAt != nil)
        #expect(try fixture.store.article(id: 3)?.readAt != nil)
        #expect(try await fixture.fever([("unread_item_ids", "")])["unread_item_ids"] as? String == "2,4")
        let items = try await fixture.fever([("items", ""), ("with_ids", "1")])
        #expect((items["items"] as? [[String: Any]])?.first?["is_read"] as? Int == 1)
        _ = try await fixture.fever([("mark", "item"), ("as", "unread"), ("id", "1")])
        #expect(try fixture.store.article(id: 1)?.readAt == nil)
        #expect(try fixture.store.article(id: 3)?.readAt == nil)
    }

    @Test func savingAndUnsaving() async throws {
        let fixture = try APIFixture()
        _ = try Self.twoFeeds(fixture)
        _ = try await fixture.fever([("mark", "item"), ("as", "saved"), ("id", "2")])
        #expect(try fixture.store.article(id: 2)?.starredAt != nil)
        #expect(try await fixture.fever([("saved_item_ids", "")])["saved_item_ids"] as? String == "2")
        let items = try await fixture.fever([("items", ""), ("with_ids", "2")])
        #expect((items["items"] as? [[String: Any]])?.first?["is_saved"] as? Int == 1)
        _ = try await fixture.fever([("mark", "item"), ("as", "unsaved"), ("id", "2")])
        #expect(try fixture.store.article(id: 2)?.starredAt == nil)
        #expect(try await fixture.fever([("saved_item_ids", "")])["saved_item_ids"] as? String == "")
    }

    @Test func anEntryWithoutContentShowsItsSummaryEscaped() async throws {
        let fixture = try APIFixture()
        let feed = try fixture.addFeed("https://a.example/feed")
        var article = APIFixture.article(1)
        article.contentHTML = nil
        article.summary = "Fish & <chips>"
        try fixture.ingest([article], feedID: feed)
        let items = try await fixture.fever([("items", "")])["items"] as? [[String: Any]]
        #expect(items?.first?["html"] as? String == "<p>Fish &amp; &lt;chips&gt;</p>")
    }

    /// 120 articles in one feed: (parameters, the ids answered).
    static let pages: [([(String, String)], [Int])] = [
        ([], Array(1...50)),
        ([("since_id", "0")], Array(1...50)),
        ([("since_id", "50")], Array(51...100)),
        ([("since_id", "100")], Array(101...120)),
        ([("since_id", "120")], []),
        ([("max_id", "121")], Array((71...120).reversed())),
        ([("max_id", "71")], Array((21...70).reversed())),
        ([("max_id", "21")], Array((1...20).reversed())),
        ([("max_id", "0")], Array(1...50)),
        ([("with_ids", "5,3,200,119")], [3, 5, 119]),
        ([("with_ids", "")], Array(1...50)),
    ]

    @Test(arguments: pages)
    func itemsArePagedByID(parameters: [(String, String)], expected: [Int]) async throws {
        let fixture = try APIFixture()
        let feed = try fixture.addFeed("https://a.example/feed")
        try fixture.ingest((1...120).map { APIFixture.article($0) }, feedID: feed)
        let answer = try await fixture.fever([("items", "")] + parameters)
        #expect((answer["items"] as? [[String: Any]])?.map { $0["id"] as? Int } == expected)
        #expect(answer["total_items"] as? Int == 120)
    }

    @Test func markingAFeedReadStopsAtBefore() async throws {
        let fixture = try APIFixture()
        let early = Date(timeIntervalSince1970: 1_790_000_000)
        let (a, b) = try Self.twoFeeds(fixture, at: early)
        try fixture.ingest([APIFixture.article(5)], feedID: b, at: early.addingTimeInterval(3600))
        _ = try await fixture.fever([
            ("mark", "feed"), ("as", "read"), ("id", String(b)), ("before", String(1_790_000_060)),
        ])
        // Feed b's 3 and 4 are read, and 1 with 3 (its story); 2 (feed a) and 5 (after `before`) are not.
        #expect(try await fixture.fever([("unread_item_ids", "")])["unread_item_ids"] as? String == "2,5")
        #expect(try fixture.store.article(id: 1)?.readAt != nil)
        _ = try await fixture.fever([
            ("mark", "feed"), ("as", "read"), ("id", String(a)), ("before", String(1_790_000_060)),
        ])
        #expect(try await fixture.fever([("unread_item_ids", "")])["unread_item_ids"] as? String == "5")
    }

    @Test func markingAGroupReadTakesItsFeedsAndGroupZeroTakesAll() async throws {
        let fixture = try APIFixture()
        let early = Date(timeIntervalSince1970: 1_790_000_000)
        _ = try Self.twoFeeds(fixture, at: early)
        let other = try fixture.addFeed("https://c.example/feed", tags: ["art"])
        try fixture.ingest([APIFixture.article(5)], feedID: other, at: early)
        let before = String(1_790_000_060)
        _ = try await fixture.fever([
            ("mark", "group"), ("as", "read"), ("id", String(FeverGroups.id(of: "tech"))), ("before", before),
        ])
        // tech is feed a: its 1 and 2, and 3 with 1's story.
        #expect(try await fixture.fever([("unread_item_ids", "")])["unread_item_ids"] as? String == "4,5")
        // An unknown group changes nothing.
        _ = try await fixture.fever([("mark", "group"), ("as", "read"), ("id", "-1"), ("before", before)])
        #expect(try await fixture.fever([("unread_item_ids", "")])["unread_item_ids"] as? String == "4,5")
        _ = try await fixture.fever([("mark", "group"), ("as", "read"), ("id", "0"), ("before", before)])
        #expect(try await fixture.fever([("unread_item_ids", "")])["unread_item_ids"] as? String == "")
    }

    static let badRequests: [[(String, String)]] = [
        [("mark", "item"), ("as", "read"), ("id", "x")],
        [("mark", "item"), ("as", "read")],
        [("mark", "item"), ("as", "burn"), ("id", "1")],
        [("mark", "feed"), ("as", "unread"), ("id", "1"), ("before", "0")],
        [("mark", "feed"), ("as", "read"), ("id", "1")],
        [("mark", "group"), ("as", "read"), ("id", "1"), ("before", "yesterday")],
        [("mark", "everything"), ("as", "read"), ("id", "1")],
        [("items", ""), ("since_id", "1 OR 1=1")],
        [("items", ""), ("max_id", "ten")],
        [("items", ""), ("with_ids", "1,2);DROP TABLE article;--")],
        [("items", ""), ("with_ids", (1...51).map(String.init).joined(separator: ","))],
    ]

    @Test(arguments: badRequests)
    func badInputIs400WithOneLine(parameters: [(String, String)]) async throws {
        let fixture = try APIFixture()
        _ = try Self.twoFeeds(fixture)
        let response = await fixture.router.respond(
            to: APIFixture.request(.post, "/fever/", [("api", ""), ("api_key", fixture.feverKey)] + parameters))
        #expect(response.status == 400)
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.hasSuffix("\n") && text.dropLast().split(separator: "\n").count == 1)
        #expect(try fixture.store.articles(ArticleQuery(limit: 10)).allSatisfy { $0.readAt == nil })
    }
}

extension APIFixture {
    /// A Fever request with the fixture's key and `parameters`; its JSON answer as a dictionary.
    func fever(_ parameters: [(String, String)]) async throws -> [String: Any] {
        let response = await router.respond(
            to: Self.request(.post, "/fever/", [("api", ""), ("api_key", feverKey)] + parameters))
        guard response.status == 200,
            let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        else {
            throw FixtureError(
                message: "Fever answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        }
        return object
    }
}
