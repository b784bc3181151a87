import FeedModel
import FeedStore
import Foundation
import FoundationXML
import Testing

@testable import FeedAPI

/// Google Reader's Atom streams, as newsboat's feedhq source reads them.
@Suite struct GoogleReaderAtomTests {
    /// What the tests read back of an Atom stream.
    final class AtomReader: NSObject, XMLParserDelegate {
        struct Entry {
            var id = ""
            var originalID = ""
            var title = ""
            var link = ""
            var categories: [String] = []
            var source = ""
            var content = ""
        }

        var entries: [Entry] = []
        var continuation: String?
        private var text = ""
        private var inSource = false

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            text = ""
            switch name {
            case "entry": entries.append(Entry())
            case "id" where !inSource && !entries.isEmpty:
                entries[entries.count - 1].originalID = attributes["gr:original-id"] ?? ""
            case "category": entries[entries.count - 1].categories.append(attributes["term"] ?? "")
            case "link" where !inSource && !entries.isEmpty: entries[entries.count - 1].link = attributes["href"] ?? ""
            case "source":
                inSource = true
                entries[entries.count - 1].source = attributes["gr:stream-id"] ?? ""
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text += string
        }

        func parser(
            _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
        ) {
            switch name {
            case "gr:continuation": continuation = text
            case "source": inSource = false
            case "id" where !inSource && !entries.isEmpty: entries[entries.count - 1].id = text
            case "title" where !inSource && !entries.isEmpty: entries[entries.count - 1].title = text
            case "content", "summary": entries[entries.count - 1].content = text
            default: break
            }
        }

        static func read(_ response: APIResponse) throws -> AtomReader {
            let reader = AtomReader()
            let parser = XMLParser(data: Data(response.body))
            parser.delegate = reader
            guard parser.parse() else {
                throw APIFixture.FixtureError(
                    message: "not XML: \(parser.parserError.map { "\($0)" } ?? "")")
            }
            return reader
        }
    }

    @Test func entriesRoundTripTheirIDsThroughEditTag() async throws {
        let fixture = try APIFixture()
        let feed = try fixture.addFeed("https://atom.example/feed?a=1&b=2", title: "A & B <feed>")
        var tricky = APIFixture.article(1)
        tricky.title = "Fish & \"chips\" <b>bold</b> \u{1}"
        try fixture.ingest([tricky] + (2...5).map { APIFixture.article($0) }, feedID: feed)
        let authorization = try await fixture.googleLogin()
        // newsboat escapes the stream id with curl, and the path arrives decoded.
        let first = await fixture.reader(
            "atom/feed/https://atom.example/feed?a=1&b=2", [("n", "3")], authorization: authorization)
        #expect(first.status == 200)
        #expect(first.contentType.hasPrefix("application/atom+xml"))
        let page = try AtomReader.read(first)
        #expect(page.entries.count == 3)
        let continuation = try #require(page.continuation)
        let rest = try AtomReader.read(
            await fixture.reader(
                "atom/feed/\(feed)", [("n", "3"), ("c", continuation)], authorization: authorization))
        #expect(rest.entries.count == 2)
        #expect(rest.continuation == nil)
        let oldest = try #require(rest.entries.last)
        #expect(oldest.id.hasPrefix("tag:google.com,2005:reader/item/"))
        #expect(oldest.originalID == "guid-1")
        #expect(oldest.title == "Fish & \"chips\" <b>bold</b> ")
        #expect(oldest.link == "https://example.org/story/1")
        #expect(oldest.source == "feed/\(feed)")
        #expect(oldest.content.contains("<p>"))
        #expect(oldest.categories == ["user/-/state/com.google/reading-list"])
        let edit = await fixture.reader(
            .post, "api/0/edit-tag", [("i", oldest.id), ("a", "user/-/state/com.google/read")],
            authorization: authorization)
        #expect(edit.status == 200)
        let again = try AtomReader.read(
            await fixture.reader("atom/feed/\(feed)", [("n", "10")], authorization: authorization))
        #expect(again.entries.last?.categories.contains("user/-/state/com.google/read") == true)
        let unread = try AtomReader.read(
            await fixture.reader(
                "atom/user/-/state/com.google/reading-list", [("xt", "user/-/state/com.google/read")],
                authorization: authorization))
        #expect(unread.entries.count == 4)
    }

    @Test func newsboatsSharedItemsFeedIsEmptyNotAnError() async throws {
        let fixture = try APIFixture()
        let feed = try fixture.addFeed("https://shared.example/feed")
        try fixture.ingest([APIFixture.article(1)], feedID: feed)
        let authorization = try await fixture.googleLogin()
        let shared = await fixture.reader(
            "atom/user/-/state/com.google/broadcast", [("n", "20")], authorization: authorization)
        #expect(shared.status == 200)
        #expect(try AtomReader.read(shared).entries.isEmpty)
        let sharedItem = await fixture.reader(
            .post, "api/0/edit-tag", [("i", "1"), ("a", "user/-/state/com.google/broadcast")],
            authorization: authorization)
        #expect(sharedItem.status == 200)
    }
}
