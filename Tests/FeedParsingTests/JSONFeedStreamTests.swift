import FeedModel
import Foundation
import Testing

@testable import FeedParsing

/// JSON Feeds are read as they stream in, an item at a time, with caps that turn a monster into a bounded result.
@Suite struct JSONFeedStreamTests {
    static func feed(items: [String], head: String = "\"title\": \"t\"") -> [UInt8] {
        Array(
            "{\"version\": \"https://jsonfeed.org/version/1.1\", \(head), \"items\": [\(items.joined(separator: ","))]}"
                .utf8)
    }

    static func item(_ index: Int) -> String {
        "{\"id\": \"\(index)\", \"url\": \"https://x.example/\(index)\", \"content_text\": \"x\"}"
    }

    static func parse(chunked bytes: [UInt8], size: Int, options: FeedParserOptions = FeedParserOptions()) throws
        -> FeedDocument
    {
        var entries: [Entry] = []
        let stream = FeedParseStream(options: options) { entries.append($0) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let end = min(offset + size, buffer.count)
                try stream.write(UnsafeRawBufferPointer(rebasing: buffer[offset..<end]))
                offset = end
            }
        }
        var document = try stream.finish()
        document.entries = entries
        return document
    }

    @Test(arguments: [1, 7, 64, 4096])
    func chunkBoundariesDoNotMatter(chunkSize: Int) throws {
        for name in ["jsonfeed10.json", "jsonfeed11.json"] {
            let bytes = try Fixtures.bytes("feeds/" + name)
            let whole = try FeedParser.parse(bytes)
            #expect(!whole.entries.isEmpty)
            #expect(try Self.parse(chunked: bytes, size: chunkSize) == whole, "\(name)")
        }
    }

    @Test func entriesPastTheCapAreSkippedAndCounted() throws {
        let bytes = Self.feed(items: (0..<10).map(Self.item))
        let document = try FeedParser.parse(bytes, options: FeedParserOptions(maximumEntries: 3))
        #expect(document.entries.map(\.id) == ["0", "1", "2"])
        #expect(document.bozo)
        #expect(document.problems.map(\.message) == ["7 items past the cap of 3 were skipped"])
    }

    @Test func theCapIsTheSameForXML() throws {
        let items = (0..<10).map { "<item><guid>\($0)</guid></item>" }.joined()
        let xml = "<rss version=\"2.0\"><channel><title>t</title>\(items)</channel></rss>"
        for parallel in [false, true] {
            let options = FeedParserOptions(maximumEntries: 4, finishesEntriesInParallel: parallel)
            let document = try FeedParser.parse(Array(xml.utf8), options: options)
            #expect(document.entries.map(\.id) == ["0", "1", "2", "3"])
            #expect(document.problems.map(\.message) == ["6 items past the cap of 4 were skipped"])
        }
    }

    @Test func theDefaultCapHoldsAManyItemFeedToABoundedResult() throws {
        let count = FeedParserOptions.defaultMaximumEntries + 2_345
        let bytes = Self.feed(items: (0..<count).map { "{\"id\": \"\($0)\"}" })
        let document = try FeedParser.parse(bytes)
        #expect(document.entries.count == FeedParserOptions.defaultMaximumEntries)
        #expect(
            document.problems.last?.message
                == "2345 items past the cap of \(FeedParserOptions.defaultMaximumEntries) were skipped")
    }

    @Test func itemsAreHandedOverBeforeTheDocumentEnds() throws {
        var seen = 0
        let stream = FeedParseStream { _ in seen += 1 }
        let head = Array(
            "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [\(Self.item(1)), \(Self.item(2)),".utf8)
        try head.withUnsafeBytes { try stream.write($0) }
        #expect(seen == 2)
        try Array("\(Self.item(3))]}".utf8).withUnsafeBytes { try stream.write($0) }
        _ = try stream.finish()
        #expect(seen == 3)
    }

    @Test func anEmptyItemsArrayIsAFeedWithNoEntries() throws {
        let document = try FeedParser.parse(Self.feed(items: []))
        #expect(document.entries.isEmpty)
        #expect(!document.bozo, "\(document.problems)")
        #expect(document.title == "t")
    }

    @Test func itemsThatAreNotObjectsAreSkippedAndCountedOnce() throws {
        let document = try FeedParser.parse(Self.feed(items: ["1", "\"x\"", "null", Self.item(4), "[]"]))
        #expect(document.entries.map(\.id) == ["4"])
        #expect(
            document.problems.map(\.message) == [
                "item 1 is not an object; skipped", "item 2 is not an object; skipped",
                "item 3 is not an object; skipped", "item 5 is not an object; skipped",
            ])
        let many = try FeedParser.parse(Self.feed(items: Array(repeating: "0", count: 5_000)))
        #expect(many.problems.count == JSONFeedReader.maximumProblems + 1)
        #expect(many.problems.last?.message == "\(5_000 - JSONFeedReader.maximumProblems) more problems")
    }

    @Test func oversizedMembersAndItemsAreSkippedNotHeld() throws {
        let longText = String(repeating: "a", count: FeedLimits.jsonMemberBytes + 10)
        let bigItem =
            "{\"id\": \"big\", \"content_text\": \"\(String(repeating: "b", count: FeedLimits.jsonItemBytes))\"}"
        let bytes = Self.feed(items: [Self.item(1), bigItem, Self.item(3)], head: "\"description\": \"\(longText)\"")
        let document = try FeedParser.parse(bytes)
        #expect(document.entries.map(\.id) == ["1", "3"])
        #expect(document.subtitle == nil)
        #expect(
            document.problems.map(\.message) == [
                "the \"description\" member is larger than 1 MiB; skipped", "item 2 is larger than 8 MiB; skipped",
            ])
    }

    @Test func keysWithEscapesAndAnyMemberOrderAreRead() throws {
        let text = """
            {"ite\\u006ds": [{"id": "1", "url": "/a"}], "home_page_url": "https://late.example/",
             "version": "https://jsonfeed.org/version/1", "title": "T\\u00e9"}
            """
        let document = try FeedParser.parse(Array(text.utf8))
        #expect(document.version == "1.0")
        #expect(document.title == "Té")
        #expect(document.link == "https://late.example/")
        // The item came before the home page: it had no web base yet, and says so.
        #expect(document.entries.map(\.id) == ["1"])
        #expect(document.entries.first?.link == nil)
    }

    @Test(
        arguments: [
            ("{\"items\": []} x", "invalid JSON (text after the object at line 1)"),
            ("{\"items\": [{\"id\": 1}", "invalid JSON (the document ends at line 1, inside its object)"),
            ("{\"items\" [] }", "invalid JSON (unexpected '[' at line 1)"),
            ("{\"items\": [], }", "invalid JSON (unexpected '}' at line 1)"),
            ("{\n\"items\": [\n{\"id\": 1 \"url\": 2}]}", nil),
            ("{\"title\": tru}", nil),
        ] as [(String, String?)])
    func invalidJSONIsRefusedInOneLine(text: String, reason: String?) {
        #expect {
            try FeedParser.parse(Array(text.utf8))
        } throws: { error in
            guard case .invalidJSON(let said) = error as? FeedParseError else { return false }
            return !said.contains("\n") && (reason.map { said == $0 } ?? said.hasPrefix("invalid JSON ("))
        }
    }
}
