import FeedModel
import FeedStore
import Foundation
import Testing

@testable import FeedAPI

/// Google Reader's marks and labels: edit-tag, mark-all-as-read, tag/list, disable-tag and rename-tag.
@Suite struct GoogleReaderEditTests {
    /// A fixture with one feed tagged "tech" holding articles 1…3, its login, and the articles' ids oldest first.
    static func threeArticles() async throws -> (APIFixture, String, feed: Int64, ids: [Int64]) {
        let fixture = try APIFixture()
        let feed = try fixture.addFeed("https://edit.example/feed", title: "Edits", tags: ["tech"])
        try fixture.ingest((1...3).map { APIFixture.article($0) }, feedID: feed)
        let ids = try fixture.store.streamItemReferences(StreamQuery(oldestFirst: true, limit: 3)).items.map(\.id)
        return (fixture, try await fixture.googleLogin(), feed, ids)
    }

    static func ids(_ fixture: APIFixture, _ stream: String, _ authorization: String, xt: String? = nil)
        async throws -> [Int64]
    {
        var parameters = [("s", stream), ("n", "100")]
        if let xt { parameters.append(("xt", xt)) }
        let object = try APIFixture.object(
            await fixture.reader("api/0/stream/items/ids", parameters, authorization: authorization))
        let refs = try #require(object["itemRefs"] as? [[String: Any]])
        return refs.compactMap { ($0["id"] as? String).flatMap { Int64($0) } }.sorted()
    }

    @Test func starsAndLabelsComeAndGo() async throws {
        let (fixture, authorization, _, ids) = try await Self.threeArticles()
        let star = await fixture.reader(
            .post, "api/0/edit-tag",
            [
                ("i", ItemID.long(ids[0])), ("i", String(ids[1])), ("a", "user/-/state/com.google/starred"),
                ("a", "user/-/label/later"), ("a", "user/-/state/com.google/kept-unread"), ("T", "x"),
            ], authorization: authorization)
        #expect(star.status == 200)
        #expect(try await Self.ids(fixture, "user/-/state/com.google/starred", authorization) == [ids[0], ids[1]])
        #expect(try await Self.ids(fixture, "user/-/label/later", authorization) == [ids[0], ids[1]])
        let items = try #require(
            try APIFixture.object(
                await fixture.reader(
                    "api/0/stream/items/contents", [("i", String(ids[0]))], authorization: authorization)
            )["items"] as? [[String: Any]])
        #expect(
            items.first?["categories"] as? [String] == [
                "user/-/state/com.google/reading-list", "user/-/state/com.google/starred", "user/-/label/tech",
                "user/-/label/later",
            ])
        _ = await fixture.reader(
            .post, "api/0/edit-tag",
            [("i", String(ids[0])), ("r", "user/-/state/com.google/starred"), ("r", "user/-/label/later")],
            authorization: authorization)
        #expect(try await Self.ids(fixture, "user/-/state/com.google/starred", authorization) == [ids[1]])
        #expect(try await Self.ids(fixture, "user/-/label/later", authorization) == [ids[1]])
        // Articles and feeds' tags are both labels.
        #expect(try await Self.ids(fixture, "user/-/label/tech", authorization) == ids)
        // it= keeps only items with that state or label too.
        let starredTech = try APIFixture.object(
            await fixture.reader(
                "api/0/stream/contents/user/-/label/tech", [("it", "user/-/state/com.google/starred")],
                authorization: authorization))
        #expect((starredTech["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [ItemID.long(ids[1])])
    }

    @Test func readAndUnreadStreams() async throws {
        let (fixture, authorization, _, ids) = try await Self.threeArticles()
        _ = await fixture.reader(
            .post, "api/0/edit-tag", [("i", String(ids[2])), ("a", "user/-/state/com.google/read")],
            authorization: authorization)
        #expect(try await Self.ids(fixture, "user/-/state/com.google/read", authorization) == [ids[2]])
        #expect(
            try await Self.ids(
                fixture, "user/-/state/com.google/reading-list", authorization, xt: "user/-/state/com.google/read")
                == [ids[0], ids[1]])
        _ = await fixture.reader(
            .post, "api/0/edit-tag", [("i", String(ids[2])), ("r", "user/-/state/com.google/read")],
            authorization: authorization)
        #expect(try await Self.ids(fixture, "user/-/state/com.google/read", authorization) == [])
    }

    /// A star, like a read mark, is the story's: the reading list's item shows a copy's star, and taking it away
    /// there leaves no copy starred.
    @Test func starsBelongToTheStory() async throws {
        let fixture = try APIFixture()
        let first = try fixture.addFeed("https://first.example/feed", title: "First")
        let second = try fixture.addFeed("https://second.example/feed", title: "Second")
        try fixture.ingest([APIFixture.article(1, story: "shared")], feedID: first)
        try fixture.ingest([APIFixture.article(3, story: "shared")], feedID: second)
        let authorization = try await fixture.googleLogin()
        let copy = try #require(try await Self.ids(fixture, "feed/\(second)", authorization).first)
        _ = await fixture.reader(
            .post, "api/0/edit-tag", [("i", String(copy)), ("a", "user/-/state/com.google/starred")],
            authorization: authorization)
        let list = try APIFixture.object(await fixture.reader("api/0/stream/contents", authorization: authorization))
        let item = try #require((list["items"] as? [[String: Any]])?.first)
        #expect((item["categories"] as? [String])?.contains("user/-/state/com.google/starred") == true)
        _ = await fixture.reader(
            .post, "api/0/edit-tag", [("i", item["id"] as? String ?? ""), ("r", "user/-/state/com.google/starred")],
            authorization: authorization)
        #expect(try await Self.ids(fixture, "user/-/state/com.google/starred", authorization) == [])
    }

    /// `ts` is on the clock of the items' `timestampUsec`: the newest item an app shows is read with the rest.
    @Test func markAllAsReadStopsAtTheTimeGiven() async throws {
        let fixture = try APIFixture()
        let feed = try fixture.addFeed("https://mark.example/feed")
        let published = Date(timeIntervalSince1970: 1_790_000_000)
        try fixture.ingest(
            (1...3).map { APIFixture.article($0, published: published.addingTimeInterval(Double($0) * 60)) },
            feedID: feed, at: published.addingTimeInterval(3600))
        let authorization = try await fixture.googleLogin()
        // The second item's timestampUsec: it and the first are read, the third is not.
        let response = await fixture.reader(
            .post, "api/0/mark-all-as-read", [("s", "feed/\(feed)"), ("ts", "1790000120000000")],
            authorization: authorization)
        #expect(String(decoding: response.body, as: UTF8.self) == "OK")
        let unread = try await Self.ids(
            fixture, "feed/\(feed)", authorization, xt: "user/-/state/com.google/read")
        #expect(unread.count == 1)
        _ = await fixture.reader(
            .post, "api/0/mark-all-as-read", [("s", "user/-/state/com.google/reading-list")],
            authorization: authorization)
        #expect(try await Self.ids(fixture, "feed/\(feed)", authorization, xt: "user/-/state/com.google/read") == [])
    }

    @Test func tagListNamesFoldersTagsAndHighlights() async throws {
        let (fixture, authorization, _, ids) = try await Self.threeArticles()
        _ = await fixture.reader(
            .post, "api/0/edit-tag", [("i", String(ids[0])), ("a", "user/-/label/later")],
            authorization: authorization)
        let object = try APIFixture.object(await fixture.reader("api/0/tag/list", authorization: authorization))
        let tags = try #require(object["tags"] as? [[String: Any]])
        #expect(
            tags.compactMap { $0["id"] as? String } == [
                "user/-/state/com.google/starred", "user/-/label/later", "user/-/label/tech",
                "user/-/label/feedd/highlights",
            ])
        #expect(tags.compactMap { $0["type"] as? String } == ["tag", "folder", "tag"])
    }

    @Test func disableAndRenameTag() async throws {
        let (fixture, authorization, feed, ids) = try await Self.threeArticles()
        _ = await fixture.reader(
            .post, "api/0/edit-tag", [("i", String(ids[0])), ("a", "user/-/label/later")],
            authorization: authorization)
        let rename = await fixture.reader(
            .post, "api/0/rename-tag", [("s", "user/-/label/tech"), ("dest", "user/-/label/code")],
            authorization: authorization)
        #expect(rename.status == 200)
        let disable = await fixture.reader(.post, "api/0/disable-tag", [("t", "later")], authorization: authorization)
        #expect(disable.status == 200)
        #expect(try fixture.store.findSubscription(String(feed))?.tags == ["code"])
        #expect(try fixture.store.streamLabels() == StreamLabels(feedTags: ["code"], articleTags: []))
    }

    @Test func editsNeedPost() async throws {
        let (fixture, authorization, _, ids) = try await Self.threeArticles()
        let response = await fixture.reader(
            .get, "api/0/edit-tag", [("i", String(ids[0])), ("a", "user/-/state/com.google/read")],
            authorization: authorization)
        #expect(response.status == 405)
    }

    @Test func tokenAndUserInfo() async throws {
        let fixture = try APIFixture()
        let authorization = try await fixture.googleLogin()
        let token = String(
            decoding: await fixture.reader("api/0/token", authorization: authorization).body, as: UTF8.self)
        #expect(token.count == 57)
        let info = try APIFixture.object(await fixture.reader("api/0/user-info", authorization: authorization))
        #expect(info["userName"] as? String == "reader")
    }
}
