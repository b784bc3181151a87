import FeedModel
import Foundation
import Testing

@testable import FeedParsing

/// What real feeds get wrong, and what hostile ones try; each case once broke or could break the reader.
@Suite struct RealWorldQuirksTests {
    func parse(_ xml: String, documentURL: String? = nil) throws -> FeedDocument {
        try FeedParser.parse(Array(xml.utf8), options: FeedParserOptions(documentURL: documentURL))
    }

    @Test func aDocumentWrittenInOneLargePieceIsReadWhole() throws {
        let bytes = FeedParseStreamTests.generatedFeed(items: 5000)
        #expect(bytes.count > 1 << 20)
        let document = try FeedParser.parse(bytes)
        #expect(document.entries.count == 5000)
        #expect(!document.bozo)
    }

    @Test func aBareAmpersandDoesNotSwallowLaterEntities() throws {
        let document = try parse(
            """

            <?xml version="1.0"?>
            <rss version="2.0"><channel><title>Ben & Jerry</title><link>http://x.example/</link>
            <item><title>Q&amp;A at AT&T</title><link>http://x.example/?a=1&amp;b=2&c=3</link>
            <description>&lt;p&gt;Hello &lt;a href="/"&gt;link&lt;/a&gt;&lt;/p&gt;&nbsp;&eacute;</description></item>
            </channel></rss>
            """)
        #expect(document.bozo)
        #expect(document.title == "Ben & Jerry")
        let entry = try #require(document.entries.first)
        #expect(entry.title == "Q&A at AT&T")
        #expect(entry.link == "http://x.example/?a=1&b=2&c=3")
        #expect(entry.summary == "<p>Hello <a href=\"http://x.example/\">link</a></p>\u{a0}é")
    }

    @Test func emptyLinksStayEmptyAndDoNotBecomeIds() throws {
        let document = try parse(
            """
            <rss version="2.0"><channel><title>t</title><link>http://x.example/</link>
            <item><title>one</title><link/></item><item><title>two</title><link> </link></item></channel></rss>
            """, documentURL: "http://x.example/feed.xml")
        #expect(document.entries.map(\.link) == ["", ""])
        #expect(document.entries[0].id != document.entries[1].id)
        #expect(document.entries.allSatisfy { $0.id.hasPrefix("urn:feedd:entry:") })
    }

    @Test func linksThatAreNotWebLinksAreDropped() throws {
        let document = try parse(
            """
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>t</title>
            <link>javascript:alert(1)</link>
            <item xml:base="javascript:alert(3)//"><title>x</title><link>x</link><guid>g</guid>
            <enclosure url="file:///etc/passwd" type="text/plain"/>
            <media:thumbnail url="data:image/svg+xml,&lt;svg onload=alert(1)&gt;"/>
            <comments>vbscript:msgbox(1)</comments></item></channel></rss>
            """, documentURL: "https://x.example/feed.xml")
        #expect(document.link == nil)
        let entry = try #require(document.entries.first)
        #expect(entry.link == nil)
        #expect(entry.enclosures.isEmpty)
        #expect(entry.image == nil)
        #expect(entry.comments == nil)
    }

    @Test func relativeXMLBaseWithoutADocumentURLUsesTheChannelLink() throws {
        let document = try parse(
            """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="/blog/"><title>t</title>
            <link rel="alternate" href="http://x.example/"/>
            <entry><id>1</id><link href="posts/1.html"/>
            <summary type="html">&lt;a href="x.html"&gt;x&lt;/a&gt;</summary></entry></feed>
            """)
        let entry = try #require(document.entries.first)
        #expect(entry.link == "http://x.example/blog/posts/1.html")
        #expect(entry.summary == "<a href=\"http://x.example/blog/x.html\">x</a>")
    }

    @Test func listsInOneEntryAreCapped() throws {
        let categories = (0..<20_000).map { "<category>c\($0)</category>" }.joined()
        let enclosures = (0..<2_000).map { "<enclosure url=\"http://x.example/\($0).mp3\"/>" }.joined()
        let document = try parse(
            "<rss version=\"2.0\"><channel><title>t</title><item><guid>g</guid>\(categories)\(enclosures)</item>"
                + "</channel></rss>")
        let entry = try #require(document.entries.first)
        #expect(entry.categories.count == FeedLimits.categoriesPerItem)
        #expect(entry.enclosures.count == FeedLimits.enclosuresPerItem)
    }

    @Test func aJSONFeedInWindows1252IsRepairedNotRefused() throws {
        var bytes = Array("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Caf".utf8)
        bytes.append(0xE9)
        bytes += Array("\", \"items\": [{\"id\": \"1\", \"content_text\": \"x\"}]}".utf8)
        let document = try FeedParser.parse(bytes)
        #expect(document.title == "Café")
        #expect(document.bozo)
        #expect(document.entries.count == 1)
    }

    @Test func c1ControlsAreReadAsWindows1252() throws {
        let document = try parse(
            "<rss version=\"2.0\"><channel><title>don\u{92}t \u{96} \u{80}5</title></channel></rss>")
        #expect(document.title == "don\u{2019}t \u{2013} \u{20AC}5")
        #expect(!document.bozo)
    }

    @Test func c1ReferencesInHTMLAndLatin1BytesAreWindows1252() throws {
        let document = try parse(
            "<rss version=\"2.0\"><channel><title>t</title><item><guid>1</guid>"
                + "<description><![CDATA[x &#150; y <b>&#146;</b>]]></description></item></channel></rss>")
        #expect(document.entries.first?.summary == "x \u{2013} y <b>\u{2019}</b>")
        var latin2 = Array(
            "<?xml version=\"1.0\" encoding=\"iso-8859-2\"?><rss version=\"2.0\"><channel><title>don".utf8)
        latin2 += [0x92]
        latin2 += Array("t</title></channel></rss>".utf8)
        #expect(try FeedParser.parse(latin2).title == "don\u{2019}t")
    }

    @Test func htmlEntitiesInAttributeValuesKeepTheirCharacters() throws {
        let document = try parse(
            "<rss version=\"2.0\"><channel><title>t</title><item><guid>1</guid>"
                + "<enclosure url=\"http://x.example/caf&eacute;.mp3\" type=\"audio/mpeg\"/></item></channel></rss>")
        #expect(document.entries.first?.enclosures.first?.url == "http://x.example/caf\u{e9}.mp3")
    }

    @Test func preAtomNamespacesReadAsAtom() throws {
        let document = try parse("<feed version=\"0.3\" xmlns=\"http://purl.org/echo/\"><title>Echo</title></feed>")
        #expect(document.format == .atom)
        #expect(document.title == "Echo")
    }

    @Test func podcastCategoriesAndKeywords() throws {
        let document = try parse(
            """
            <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>p</title>
            <item><guid>1</guid><itunes:category text="Technology"><itunes:category text="Podcasting"/></itunes:category>
            <itunes:keywords>swift, feeds ,  ,linux</itunes:keywords></item></channel></rss>
            """)
        #expect(document.entries.first?.categories == ["Technology", "Podcasting", "swift", "feeds", "linux"])
    }

    @Test func namespaceAliasesSeenInTheWild() throws {
        let document = try parse(
            """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0">
            <channel><title>No trailing slash</title><link>http://x.example/</link></channel>
            <item rdf:about="http://x.example/1"><title>one</title><link>http://x.example/1</link></item></rdf:RDF>
            """)
        #expect(document.title == "No trailing slash")
        #expect(document.entries.count == 1)
    }
}
