import FeedModel
import FeedStore
import Foundation
import Testing

@testable import FeedAPI

/// Google Reader's streams: pages and continuations, unique stories, items by id, and refused input.
@Suite struct GoogleReaderStreamTests {
    /// The long ids of a `stream/contents` answer's items, and its continuation.
    static func page(_ response: APIResponse) throws -> (ids: [String], continuation: String?) {
        let object = try APIFixture.object(response)
        let items = try #require(object["items"] as? [[String: Any]])
        return (items.compactMap { $0["id"] as? String }, object["continuation"] as? String)
    }

    @Test func pagingThroughFiveThousandItemsGivesEachOnceInOrder() async throws {
        let fixture = try APIFixture()
        let feed = try fixture.addFeed("https://paging.example/feed")
        // Seven articles share each publication minute: pages must break ties by id.
        try fixture.ingest(
            (1...5_000).map {
                APIFixture.article($0, published: Date(timeIntervalSince1970: 1_780_000_000 + Double($0 / 7) * 60))
            }, feedID: feed)
        let authorization = try await fixture.googleLogin()
        let stored = try fixture.store.streamItemReferences(StreamQuery(limit: 10_000, uniqueStories: false)).items
        #expect(stored.count == 5_000)
        for oldestFirst in [false, true] {
            let expected = (oldestFirst ? stored.reversed() : stored).map { ItemID.long($0.id) }
            var ids: [String] = []
            var continuation: String?
            var pages = 0
            repeat {
                var parameters = [("n", "1000"), ("xt", "user/-/state/com.google/read")]
                if oldestFirst { parameters.append(("r", "o")) }
                if let continuation { parameters.append(("c", continuation)) }
                let response = await fixture.reader(
                    "api/0/stream/contents/feed/\(feed)", parameters, authorization: authorization)
                #expect(response.status == 200)
                let page = try Self.page(response)
                ids += page.ids
                continuation = page.continuation
                pages += 1
            } while continuation != nil && pages < 10
            #expect(ids == expected)
            #expect(pages == 5)
        }
        // The id listing pages the same way, up to 10,000 at once.
        let refs = try APIFixture.object(
            await fixture.reader(
                "api/0/stream/items/ids", [("s", "user/-/state/com.google/reading-list"), ("n", "20000")],
                authorization: authorization))
        let itemRefs = try #require(refs["itemRefs"] as? [[String: Any]])
        #expect(itemRefs.count == 5_000)
        #expect(refs["continuation"] == nil)
        #expect(itemRefs.first?["id"] as? String == String(stored[0].id))
        #expect(itemRefs.first?["directStreamIds"] as? [String] == ["feed/\(feed)"])
    }

    @Test func aStoryInTwoFeedsIsOneItemAndReadingItReadsBoth() async throws {
        let fixture = try APIFixture()
        let first = try fixture.addFeed("https://first.example/feed", title: "First")
        let second = try fixture.addFeed("https://second.example/feed", title: "Second")
        try fixture.ingest([APIFixture.article(1, story: "shared"), APIFixture.article(2)], feedID: first)
        try fixture.ingest([APIFixture.article(3, story: "shared")], feedID: second)
        let authorization = try await fixture.googleLogin()
        let all = try Self.page(
            await fixture.reader(
                "api/0/stream/contents/user/-/state/com.google/reading-list", authorization: authorization))
        #expect(all.ids.count == 2)
        // The second feed's copy is in its own stream; reading it reads the first feed's too.
        let copy = try Self.page(
            await fixture.reader("api/0/stream/contents", [("s", "feed/\(second)")], authorization: authorization))
        let copyID = try #require(copy.ids.first)
        let edit = await fixture.reader(
            .post, "api/0/edit-tag", [("i", copyID), ("a", "user/-/state/com.google/read")],
            authorization: authorization)
        #expect(String(decoding: edit.body, as: UTF8.self) == "OK")
        let unread = try Self.page(
            await fixture.reader(
                "api/0/stream/contents/feed/\(first)", [("xt", "user/-/state/com.google/read")],
                authorization: authorization))
        #expect(unread.ids.count == 1)
        let counts = try APIFixture.object(await fixture.reader("api/0/unread-count", authorization: authorization))
        let entries = try #require(counts["unreadcounts"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: entries.map { ($0["id"] as? String ?? "", $0["count"] as? Int) })
        #expect(byID["user/-/state/com.google/reading-list"] == 1)
        #expect(byID["feed/\(first)"] == 1)
        #expect(byID["feed/\(second)"] == nil)
    }

    @Test func itemsContentsTakesEveryIDFormAndSkipsUnknownOnes() async throws {
        let fixture = try APIFixture()
        let feed = try fixture.addFeed("https://ids.example/feed", title: "Ids & <Co>", tags: ["tech"])
        try fixture.ingest((1...3).map { APIFixture.article($0) }, feedID: feed)
        let authorization = try await fixture.googleLogin()
        let ids = try fixture.store.streamItemReferences(StreamQuery(oldestFirst: true, limit: 3)).items.map(\.id)
        let hex = String(ids[1], radix: 16)
        let forms = [
            ItemID.long(ids[0]), String(ids[1]), String(repeating: "0", count: 16 - hex.count) + hex, "999999",
        ]
        let response = await fixture.reader(
            .post, "api/0/stream/items/contents", forms.map { ("i", $0) }, authorization: authorization)
        #expect(response.status == 200)
        let items = try #require(try APIFixture.object(response)["items"] as? [[String: Any]])
        #expect(items.compactMap { $0["id"] as? String } == [ItemID.long(ids[0]), ItemID.long(ids[1])])
        let item = items[0]
        #expect(item["title"] as? String == "Story 1")
        #expect((item["origin"] as? [String: Any])?["streamId"] as? String == "feed/\(feed)")
        #expect((item["origin"] as? [String: Any])?["title"] as? String == "Ids & <Co>")
        #expect(item["categories"] as? [String] == ["user/-/state/com.google/reading-list", "user/-/label/tech"])
        #expect((item["summary"] as? [String: Any])?["content"] as? String != nil)
        #expect((item["alternate"] as? [[String: Any]])?.first?["href"] as? String == "https://example.org/story/1")
        #expect(item["timestampUsec"] as? String == "1780000060000000")
    }

    @Test func feedURLsAndAccountUserPartsNameTheSameStreams() async throws {
        let fixture = try APIFixture()
        let feed = try fixture.addFeed("https://url.example/feed")
        try fixture.ingest([APIFixture.article(1)], feedID: feed)
        let authorization = try await fixture.googleLogin()
        for stream in [
            "feed/https://url.example/feed", "user/reader/state/com.google/reading-list",
            "user/1/state/com.google/reading-list", "user/-/state/com.google/reading-list",
        ] {
            let page = try Self.page(
                await fixture.reader("api/0/stream/contents/" + stream, authorization: authorization))
            #expect(page.ids.count == 1, "\(stream)")
        }
    }

    @Test(arguments: [
        ("api/0/stream/contents/feed/999", [(String, String)]()),
        ("api/0/stream/contents/user/-/state/com.google/nothing", []),
        ("api/0/stream/contents/bogus", []),
        ("api/0/stream/contents", [("n", "many")]),
        ("api/0/stream/contents", [("c", "not-a-continuation")]),
        ("api/0/stream/contents", [("c", "line\nbreak" + String(repeating: "x", count: 5_000))]),
        ("api/0/stream/contents", [("ot", "yesterday")]),
        ("api/0/stream/items/ids", [("s", "feed/")]),
        ("api/0/stream/items/contents", [("i", "xyz")]),
        ("api/0/stream/items/contents", (0...1_000).map { ("i", String($0)) }),
    ])
    func badInputIsRefusedWithOneLine(path: String, parameters: [(String, String)]) async throws {
        let fixture = try APIFixture()
        let authorization = try await fixture.googleLogin()
        let response = await fixture.reader(path, parameters, authorization: authorization)
        #expect(response.status == 400)
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.hasSuffix("\n") && text.dropLast().contains("\n") == false)
        #expect(text.count <= 302)
    }

    @Test func aBadItemIDIsNamed() async throws {
        let fixture = try APIFixture()
        let authorization = try await fixture.googleLogin()
        let response = await fixture.reader(
            .post, "api/0/edit-tag", [("i", "xyz"), ("a", "user/-/state/com.google/read")],
            authorization: authorization)
        #expect(
            String(decoding: response.body, as: UTF8.self)
                == "item id 'xyz' is neither decimal nor tag:google.com,2005:reader/item/HEX\n")
    }

    /// `ot` is where a sync starts and `nt` where it stops, as FreshRSS and Miniflux read them.
    @Test(arguments: [
        ([("ot", "1700050000")], ["Story 2", "Story 3"]),
        ([("nt", "1700050000")], ["Story 1"]),
        ([("ot", "1700050000"), ("nt", "1700150000")], ["Story 2"]),
    ])
    func otStartsAndNtEnds(parameters: [(String, String)], titles: [String]) async throws {
        let fixture = try APIFixture()
        let feed = try fixture.addFeed("https://ot.example/feed")
        try fixture.ingest(
            (1...3).map {
                APIFixture.article($0, published: Date(timeIntervalSince1970: 1_700_000_000 + Double($0 - 1) * 100_000))
            },
            feedID: feed)
        let authorization = try await fixture.googleLogin()
        let response = await fixture.reader(
            "api/0/stream/contents/feed/\(feed)", parameters + [("r", "o")], authorization: authorization)
        let items = try APIFixture.object(response)["items"] as? [[String: Any]] ?? []
        #expect(items.compactMap { $0["title"] as? String } == titles)
    }

    /// Each distinct xt= or it= is a condition; past sixteen the request is refused rather than left to SQLite.
    @Test(arguments: [(300, 200), (1, 200), (17, 400)])
    func stateFiltersAreBounded(distinct: Int, status: Int) async throws {
        let fixture = try APIFixture()
        let feed = try fixture.addFeed("https://xt.example/feed", tags: ["a"])
        try fixture.ingest((1...30).map { APIFixture.article($0) }, feedID: feed)
        let authorization = try await fixture.googleLogin()
        let values =
            distinct == 300
            ? Array(repeating: ("xt", "user/-/label/a"), count: 300)
            : (0..<distinct).map { ("xt", "user/-/label/l\($0)") }
        let response = await fixture.reader("api/0/stream/contents", values, authorization: authorization)
        #expect(response.status == status, "\(String(decoding: response.body, as: UTF8.self))")
    }

    @Test func unknownEndpointsAre404() async throws {
        let fixture = try APIFixture()
        let authorization = try await fixture.googleLogin()
        #expect(await fixture.reader("api/0/nothing", authorization: authorization).status == 404)
    }

    @Test(arguments: [
        ("tag:google.com,2005:reader/item/000000000000001f", Int64(31)), ("31", 31), ("000000000000001f", 31),
        ("-1", -1), ("tag:google.com,2005:reader/item/ffffffffffffffff", -1),
    ])
    func itemIDForms(text: String, id: Int64) throws {
        #expect(try ItemID.parse(text) == id)
    }

    /// Short forms are decimal, but hex for NetNewsWire (unpadded) and for a request where one has a hex letter.
    @Test(arguments: [
        (["31", "49"], nil, [Int64(31), 49]),
        (["31", "49"], "NetNewsWire (RSS Reader; https://netnewswire.com/)", [49, 73]),
        (["31", "1f"], nil, [49, 31]),
        (["tag:google.com,2005:reader/item/000000000000001f", "31"], nil, [31, 31]),
        (["000000000000001f", "10"], "NetNewsWire (RSS Reader; https://netnewswire.com/)", [31, 16]),
        (["57", "000000000000003a"], nil, [57, 58]),
    ])
    func shortFormsTakeTheRequestsBase(texts: [String], userAgent: String?, ids: [Int64]) throws {
        #expect(try ItemID.parse(texts, userAgent: userAgent) == ids)
    }

    @Test func netNewsWireReadsTheRightArticleByUnpaddedHex() async throws {
        let fixture = try APIFixture()
        let feed = try fixture.addFeed("https://example.org/feed.xml")
        try fixture.ingest((1...60).map { APIFixture.article($0) }, feedID: feed)
        let authorization = try await fixture.googleLogin()
        // Article 49 is "31" in hex, which a decimal reading would take for article 31.
        var request = APIFixture.request(
            .post, "/greader/reader/api/0/stream/items/contents", [("i", "31")], authorization: authorization)
        request.userAgent = "NetNewsWire (RSS Reader; https://netnewswire.com/)"
        let items = try APIFixture.object(await fixture.router.respond(to: request))["items"] as? [[String: Any]]
        #expect(items?.compactMap { $0["id"] as? String } == [ItemID.long(49)])
    }

    @Test(arguments: [
        ("feed/12", StreamID.feed(12)), ("feed/https://x.example/a?b=1", .feedURL("https://x.example/a?b=1")),
        ("user/-/state/com.google/reading-list", .readingList), ("user/reader/state/com.google/starred", .starred),
        ("user/1/state/com.google/read", .read), ("user/-/label/a/b", .label("a/b")),
        ("user/-/label/feedd/highlights", .highlights),
        ("user/-/state/com.google/tracking-kept-unread", .unkeptState("tracking-kept-unread")),
    ])
    func streamIDForms(text: String, id: StreamID) throws {
        #expect(try StreamID(parsing: text) == id)
    }
}
