import FeedModel
import Foundation
import Testing

@testable import FeedParsing

/// The OPML fixtures, next to this file.
private enum OPMLFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent("opml")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func parse(_ name: String) throws -> OPMLDocument {
        try OPMLReader.parse(bytes(name), fileName: name)
    }
}

/// One fixture that must read cleanly, and what it must read as.
struct OPMLReadCase: Sendable, CustomTestStringConvertible {
    let file: String
    let title: String?
    let subscriptions: [OPMLSubscription]
    var testDescription: String { file }
}

/// One fixture that must fail, and the one-line message it must fail with.
struct OPMLFailureCase: Sendable, CustomTestStringConvertible {
    let file: String
    let message: String
    var testDescription: String { file }
}

private func feed(_ url: String, _ title: String?, site: String? = nil, _ tags: [String] = []) -> OPMLSubscription {
    OPMLSubscription(url: url, title: title, siteURL: site, tags: tags)
}

@Suite struct OPMLTests {
    static let readCases: [OPMLReadCase] = [
        OPMLReadCase(
            file: "feedly.opml", title: "Jane subscriptions in feedly Cloud",
            subscriptions: [
                feed(
                    "https://feeds.arstechnica.com/arstechnica/index", "Ars Technica", site: "https://arstechnica.com",
                    ["Tech"]),
                // Listed in two folders: one subscription with both tags.
                feed("https://lwn.net/headlines/rss", "LWN.net", site: "https://lwn.net", ["Tech", "Cooking"]),
                feed(
                    "https://www.seriouseats.com/feeds/all", "Serious Eats", site: "https://www.seriouseats.com/",
                    ["Cooking"]),
            ]),
        OPMLReadCase(
            file: "inoreader.opml", title: "Subscriptions of John from Inoreader [https://www.inoreader.com]",
            subscriptions: [
                feed(
                    "http://feeds.bbci.co.uk/news/world/rss.xml", "BBC News - World",
                    site: "https://www.bbc.co.uk/news/", ["News"]),
                feed(
                    "https://www.lemonde.fr/rss/une.xml",
                    "Le Monde.fr - Actualités et Infos en France et dans le monde",
                    site: "https://www.lemonde.fr/", ["News"]),
                feed("https://xkcd.com/rss.xml", "xkcd.com", site: "https://xkcd.com/", ["Comics"]),
                feed("https://daringfireball.net/feeds/main", "Daring Fireball", site: "https://daringfireball.net/"),
            ]),
        OPMLReadCase(
            file: "newsboat.opml", title: "newsboat - Exported Feeds",
            subscriptions: [
                feed("https://blog.rust-lang.org/feed.xml", "Rust Blog", site: "https://blog.rust-lang.org/"),
                feed(
                    "https://www.swift.org/atom.xml", "Swift.org", site: "https://www.swift.org/",
                    ["programming", "swift"]),
                feed("https://example.org/no-title.xml", nil),
            ]),
        OPMLReadCase(
            file: "nested.opml", title: "Mixed & nested",
            subscriptions: [
                // Folders outermost first, then category entries (last path component), deduplicated; the later
                // duplicate outline adds "Later".
                feed(
                    "https://lwn.net/headlines/rss", "LWN",
                    ["News", "Technology", "Linux", "Kernel", "Weekly", "Later"]),
                feed("https://news.ycombinator.com/rss", "Hacker News", ["News", "Technology"]),
                feed("https://deep.example/feed", "Deep", ["News", "Technology", "Folder with link type"]),
                feed(
                    "https://example.com/feed?a=1&b=2", "A <b> \"quoted\" title & more", site: "https://example.com/",
                    ["News"]),
                feed("https://untitled.example/rss", "Untitled folder member"),
                feed("https://self-titled.example/feed", nil),
                feed("https://control.example/feed", "Line break andC1controls"),
            ]),
        OPMLReadCase(file: "bom.opml", title: "BOM", subscriptions: [feed("https://cafe.example/rss", "Café")]),
        OPMLReadCase(
            file: "latin1.opml", title: "Latin-1", subscriptions: [feed("https://cafe.example/rss", "Café ¿qué?")]),
        OPMLReadCase(file: "utf16.opml", title: "UTF-16", subscriptions: [feed("https://cafe.example/rss", "Café ☕")]),
        OPMLReadCase(file: "empty-body.opml", title: "Nothing here", subscriptions: []),
        // The external DTD is not fetched, so its entities are unknown and dropped rather than expanded.
        OPMLReadCase(
            file: "external-dtd.opml", title: "External  DTD", subscriptions: [feed("https://kept.example/rss", "Kept")]
        ),
    ]

    @Test(arguments: readCases)
    func readsFixture(_ expected: OPMLReadCase) throws {
        let document = try OPMLFixtures.parse(expected.file)
        #expect(document.title == expected.title)
        #expect(document.subscriptions == expected.subscriptions)
    }

    static let failureCases: [OPMLFailureCase] = [
        OPMLFailureCase(
            file: "mismatched-tags.opml",
            message: "mismatched-tags.opml:9: malformed XML: Opening and ending tag mismatch: outline line 7 and body"),
        OPMLFailureCase(
            file: "truncated.opml", message: "truncated.opml:5: malformed XML: Premature end of data in tag body"),
        OPMLFailureCase(
            file: "bare-ampersand.opml", message: "bare-ampersand.opml:5: malformed XML: EntityRef: expecting ';'"),
        OPMLFailureCase(
            file: "undefined-entity.opml",
            message: "undefined-entity.opml:3: malformed XML: Entity 'nbsp' not defined"),
        OPMLFailureCase(
            file: "unquoted-attribute.opml",
            message: "unquoted-attribute.opml:6: malformed XML: AttValue: \" or ' expected"),
        // Declared entities are never expanded: the bomb fails at its first use instead of growing.
        OPMLFailureCase(
            file: "billion-laughs.opml", message: "billion-laughs.opml:15: malformed XML: Entity 'lol9' not defined"),
        OPMLFailureCase(
            file: "external-entity.opml",
            message: "external-entity.opml:6: malformed XML: Entity 'secret' not defined"),
        OPMLFailureCase(
            file: "rss-root.opml", message: "rss-root.opml: not an OPML document (root element is <rss>)"),
        OPMLFailureCase(file: "empty-file.opml", message: "empty-file.opml:1: malformed XML: Document is empty"),
        OPMLFailureCase(file: "not-xml.opml", message: "not-xml.opml:1: malformed XML: Document is empty"),
    ]

    @Test(arguments: failureCases)
    func rejectsFixture(_ expected: OPMLFailureCase) throws {
        let bytes = try OPMLFixtures.bytes(expected.file)
        let error = #expect(throws: OPMLError.self) { try OPMLReader.parse(bytes, fileName: expected.file) }
        #expect(error?.description == expected.message)
    }

    @Test func errorCarriesLineAndReason() throws {
        let bytes = try OPMLFixtures.bytes("mismatched-tags.opml")
        let error = #expect(throws: OPMLError.self) { try OPMLReader.parse(bytes, fileName: "feeds.opml") }
        #expect(error?.fileName == "feeds.opml")
        #expect(error?.line == 9)
        #expect(
            error?.reason == .malformedXML(line: 9, message: "Opening and ending tag mismatch: outline line 7 and body")
        )
    }

    @Test func quadraticBlowupFailsWithoutExpanding() {
        let big = String(repeating: "A", count: 100_000)
        let references = String(repeating: "&a;", count: 100_000)
        let xml =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE opml [<!ENTITY a \"\(big)\">]>\n<opml version=\"2.0\">"
            + "<head><title>\(references)</title></head><body/></opml>"
        let error = #expect(throws: OPMLError.self) { try OPMLReader.parse(Array(xml.utf8), fileName: "q.opml") }
        #expect(error?.description == "q.opml:3: malformed XML: Entity 'a' not defined")
    }

    @Test func rejectsOversizedInput() {
        let bytes = [UInt8](repeating: 0x20, count: OPMLReader.maximumInputSize + 1)
        let error = #expect(throws: OPMLError.self) { try OPMLReader.parse(bytes, fileName: "huge.opml") }
        #expect(error?.reason == .tooLarge(byteCount: OPMLReader.maximumInputSize + 1, limit: 64 << 20))
        #expect(error?.description == "huge.opml: file too large (67108865 bytes; the limit is 67108864)")
    }

    @Test func documentWithoutBodyHasNoSubscriptions() throws {
        let xml = "<opml version=\"1.0\"><head/></opml>"
        let document = try OPMLReader.parse(Array(xml.utf8), fileName: "x.opml")
        #expect(document == OPMLDocument(title: nil, subscriptions: []))
    }

    @Test func namesIgnoreCaseAndNamespacedAttributesAreIgnored() throws {
        let xml = """
            <OPML version="2.0" xmlns:x="urn:x"><Body>
            <Outline TEXT="Folder"><OUTLINE Title="Feed" XmlUrl="https://a.example/" x:title="Wrong"/></Outline>
            <outline x:xmlUrl="https://b.example/" text="Not a feed"/>
            </Body></OPML>
            """
        let document = try OPMLReader.parse(Array(xml.utf8), fileName: "x.opml")
        #expect(document.subscriptions == [feed("https://a.example/", "Feed", ["Folder"])])
    }

    static let categoryCases: [(String, [String])] = [
        ("/Tech", ["Tech"]),
        ("/News/Tech,/Linux", ["Tech", "Linux"]),
        ("plain, two words ,", ["plain", "two words"]),
        ("Dev/Ops", ["Dev/Ops"]),
        ("/A/B/,/, ,", ["B"]),
        ("", []),
    ]

    @Test(arguments: categoryCases)
    func categoryAttributeBecomesTags(_ category: String, _ tags: [String]) {
        #expect(OPMLText.categoryTags(category) == tags)
    }

    // MARK: Writing

    @Test func writesOPML2WithFoldersAndCategories() {
        let document = OPMLDocument(
            title: "My feeds",
            subscriptions: [
                feed("https://a.example/feed", "A", site: "https://a.example/"),
                feed("https://b.example/rss?x=1&y=2", "B & <b> \"q\"", ["Tech", "Linux", "Dev/Ops", "a,b"]),
                feed("https://d.example/", "D", ["News"]),
                feed("https://c.example/", nil, ["Tech"]),
            ])
        let written = String(
            decoding: OPMLWriter.write(document, dateCreated: Date(timeIntervalSince1970: 1_136_214_245)), as: UTF8.self
        )
        let expected = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0">
              <head>
                <title>My feeds</title>
                <dateCreated>Mon, 02 Jan 2006 15:04:05 GMT</dateCreated>
              </head>
              <body>
                <outline type="rss" text="A" title="A" xmlUrl="https://a.example/feed" htmlUrl="https://a.example/"/>
                <outline text="Tech">
                  <outline type="rss" text="B &amp; &lt;b&gt; &quot;q&quot;" title="B &amp; &lt;b&gt; &quot;q&quot;" \
            xmlUrl="https://b.example/rss?x=1&amp;y=2" category="/Linux,Dev/Ops,/a b"/>
                  <outline type="rss" text="https://c.example/" xmlUrl="https://c.example/"/>
                </outline>
                <outline text="News">
                  <outline type="rss" text="D" title="D" xmlUrl="https://d.example/"/>
                </outline>
              </body>
            </opml>

            """
        #expect(written == expected)
    }

    @Test func escapesEverythingXMLCannotHoldLiterally() {
        var out: [UInt8] = []
        OPMLWriter.appendEscaped("a&b<c>d\"e'f\tg\nh\ri\u{0}j\u{1F}k\u{7F}l\u{85}m\u{FFFE}n\u{FFFF}o é ☕ 𝄞", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "a&amp;b&lt;c&gt;d&quot;e'f&#9;g&#10;h&#13;ijklmno é ☕ 𝄞")
    }

    @Test func hostileTitlesStillGiveWellFormedOutput() throws {
        let title = "<!-- ]]> &amp; \u{1}\u{8}\u{B}\u{C}\u{FFFF} \"'</outline>"
        let document = OPMLDocument(
            title: title,
            subscriptions: [feed("https://x.example/?a=<&b=\"", title, site: "\u{0}", [title, title + "2"])])
        let bytes = OPMLWriter.write(document, dateCreated: Date(timeIntervalSince1970: 0))
        let read = try OPMLReader.parse(bytes, fileName: "hostile.opml")
        let cleaned = "<!-- ]]> &amp;  \"'</outline>"
        #expect(read.title == cleaned)
        #expect(
            read.subscriptions == [feed("https://x.example/?a=<&b=\"", cleaned, site: nil, [cleaned, cleaned + "2"])])
    }

    static let dateCases: [(Double, String)] = [
        (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (1_136_214_245.9, "Mon, 02 Jan 2006 15:04:05 GMT"),
        (4_102_444_799, "Thu, 31 Dec 2099 23:59:59 GMT"),
    ]

    @Test(arguments: dateCases)
    func formatsDateCreatedAsRFC822(_ seconds: Double, _ expected: String) {
        #expect(Timestamp.rfc822(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test func roundTripKeepsSubscriptionsAndTags() throws {
        let document = OPMLDocument(
            title: "Round & trip <ü>",
            subscriptions: [
                feed("https://plain.example/feed", "Plain"),
                feed(
                    "https://a.example/rss?x=1&y=2", "Ampersand & <angle> \"quote\" 'apostrophe'",
                    site: "https://a.example/",
                    ["Tech & Science", "Linux", "Dev/Ops"]),
                feed("https://b.example/atom", "Ünïcödé — 日本語 ☕ 𝄞", ["Tech & Science"]),
                feed("https://c.example/", nil, site: "https://c.example/home", ["Ünïcödé", "Other"]),
            ])
        let bytes = OPMLWriter.write(document, dateCreated: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(try OPMLReader.parse(bytes, fileName: "round.opml") == document)
    }

    @Test func fixturesSurviveARoundTrip() throws {
        for name in ["feedly.opml", "inoreader.opml", "newsboat.opml", "nested.opml", "utf16.opml"] {
            let document = try OPMLFixtures.parse(name)
            let bytes = OPMLWriter.write(document, dateCreated: Date(timeIntervalSince1970: 0))
            let again = try OPMLReader.parse(bytes, fileName: name)
            #expect(
                Set(again.subscriptions) == Set(document.subscriptions) && again.title == document.title,
                "\(name)")
        }
    }

    // MARK: Size

    @Test func readsTenThousandFeeds() throws {
        var xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\"><head><title>Big</title></head><body>\n"
        for folder in 0..<100 {
            xml += "<outline text=\"Folder \(folder)\"><outline text=\"Inner\">\n"
            for index in 0..<100 {
                xml += "<outline type=\"rss\" text=\"Feed \(folder)/\(index) &amp; co\" "
                xml += "xmlUrl=\"https://f\(folder).example/\(index).xml\" htmlUrl=\"https://f\(folder).example/\" "
                xml += "category=\"/Tag\(index % 7)\"/>\n"
            }
            xml += "</outline></outline>\n"
        }
        xml += "</body></opml>\n"
        let document = try OPMLReader.parse(Array(xml.utf8), fileName: "big.opml")
        #expect(document.subscriptions.count == 10_000)
        #expect(
            document.subscriptions[9_999]
                == feed(
                    "https://f99.example/99.xml", "Feed 99/99 & co", site: "https://f99.example/",
                    ["Folder 99", "Inner", "Tag1"]))
        let bytes = OPMLWriter.write(document, dateCreated: Date(timeIntervalSince1970: 0))
        #expect(Set(try OPMLReader.parse(bytes, fileName: "big.opml").subscriptions) == Set(document.subscriptions))
    }
}
