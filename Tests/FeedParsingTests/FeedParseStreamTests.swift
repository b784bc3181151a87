import FeedModel
import Foundation
import Testing

@testable import FeedParsing

@Suite struct FeedParseStreamTests {
    /// A feed of `count` items, some with guids, some only with links, some with neither.
    static func generatedFeed(items count: Int) -> [UInt8] {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel><title>Generated ☃</title><link>https://gen.example/</link>

            """
        for index in 0..<count {
            let identity: String
            switch index % 3 {
            case 0: identity = "<guid isPermaLink=\"false\">g-\(index)</guid>"
            case 1: identity = "<link>/posts/\(index)</link>"
            default: identity = ""
            }
            xml += """
                <item><title>Item \(index) — naïve café</title>\(identity)
                <pubDate>Mon, 0\(index % 9 + 1) Jun 2026 10:00:00 +0200</pubDate>
                <description>&lt;p&gt;Body \(index) with &lt;a href="/x/\(index)"&gt;a link&lt;/a&gt;&lt;/p&gt;</description>
                <content:encoded><![CDATA[<p>Content \(index) <b>bold</b> <img src="i\(index).png"></p>]]></content:encoded>
                </item>

                """
        }
        xml += "</channel></rss>\n"
        return Array(xml.utf8)
    }

    @Test(arguments: [1, 7, 4096, 1 << 20])
    func chunkBoundariesDoNotMatter(chunkSize: Int) throws {
        let bytes = Self.generatedFeed(items: 300)
        let whole = try FeedParser.parse(bytes)
        var streamed: [Entry] = []
        let stream = FeedParseStream { streamed.append($0) }
        var offset = 0
        try bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let end = min(offset + chunkSize, buffer.count)
                try stream.write(UnsafeRawBufferPointer(rebasing: buffer[offset..<end]))
                offset = end
            }
        }
        let document = try stream.finish()
        #expect(document.entries.isEmpty)
        #expect(document.title == whole.title)
        #expect(streamed == whole.entries)
        #expect(streamed.count == 300)
    }

    @Test func parallelFinishingKeepsDocumentOrder() throws {
        // Over 1 MB: several batches in flight at once.
        let bytes = Self.generatedFeed(items: 5000)
        let serial = try FeedParser.parse(bytes)
        let parallel = try FeedParser.parse(bytes, options: FeedParserOptions(finishesEntriesInParallel: true))
        #expect(parallel.entries == serial.entries)
        #expect(parallel.entries.count == 5000)
    }

    @Test func derivedIdsAreStableAndDistinct() throws {
        let bytes = Self.generatedFeed(items: 30)
        let first = try FeedParser.parse(bytes).entries
        let second = try FeedParser.parse(bytes).entries
        #expect(first.map(\.id) == second.map(\.id))
        #expect(Set(first.map(\.id)).count == 30)
        #expect(first[0].id == "g-0" && !first[0].idIsDerived)
        #expect(first[1].id == "https://gen.example/posts/1" && first[1].idIsDerived)
        #expect(first[2].id.hasPrefix("urn:feedd:entry:") && first[2].idIsDerived)
    }

    @Test func documentURLIsTheBaseBeforeTheChannelLink() throws {
        let bytes = Self.generatedFeed(items: 2)
        let options = FeedParserOptions(documentURL: "https://mirror.example/feeds/gen.xml")
        let document = try FeedParser.parse(bytes, options: options)
        #expect(document.entries[1].link == "https://mirror.example/posts/1")
        let withoutURL = try FeedParser.parse(bytes)
        #expect(withoutURL.entries[1].link == "https://gen.example/posts/1")
    }

    @Test func aTruncatedDocumentKeepsWhatWasRead() throws {
        let bytes = Self.generatedFeed(items: 10)
        let cut = Array(bytes[..<(bytes.count * 2 / 3)])
        let document = try FeedParser.parse(cut)
        #expect(document.bozo)
        #expect(document.entries.count >= 5)
        #expect(document.title == "Generated ☃")
    }

    @Test func httpCharsetOverridesTheDeclaration() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Caf".utf8)
        bytes.append(0xE9)
        bytes += Array("</title></channel></rss>".utf8)
        let document = try FeedParser.parse(bytes, options: FeedParserOptions(httpCharset: "iso-8859-1"))
        #expect(document.title == "Café")
    }

    @Test func junkBeforeTheDocumentIsSkipped() throws {
        let text =
            "Warning: something in /var/www/feed.php on line 3\n<?xml version=\"1.0\"?>"
            + "<rss version=\"2.0\"><channel><title>After junk</title></channel></rss>"
        let document = try FeedParser.parse(Array(text.utf8))
        #expect(document.title == "After junk")
        #expect(document.bozo)
    }
}
