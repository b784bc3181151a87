import FeedModel
import Foundation
import Testing

@testable import FeedParsing

/// Feeds are hostile input, their URLs too: whatever a field or a base says, every URL field of the output is http
/// or https (mailto for an author's URI), and each one dropped is listed among the problems.
@Suite struct HostileURLTests {
    /// A reference put in every URL field of a document: as XML attribute/text and as a JSON string body.
    struct Reference: Sendable, CustomTestStringConvertible {
        var xml: String
        var json: String
        var testDescription: String { json }
    }

    enum Format: String, CaseIterable, Sendable {
        case rss, atom, json
    }

    static let hostile: [Reference] = [
        Reference(xml: "javascript:alert(1)", json: "javascript:alert(1)"),
        Reference(xml: " JAVASCRIPT:alert(1)", json: " JAVASCRIPT:alert(1)"),
        Reference(xml: "jav&#x09;ascript:alert(1)", json: "jav\\tascript:alert(1)"),
        Reference(xml: "java&#x0A;script:alert(1)", json: "java\\nscript:alert(1)"),
        Reference(xml: "vbscript:msgbox(1)", json: "vbscript:msgbox(1)"),
        Reference(xml: "data:text/html;base64,PHNjcmlwdD4=", json: "data:text/html;base64,PHNjcmlwdD4="),
        Reference(xml: "file:///etc/passwd", json: "file:///etc/passwd"),
        Reference(xml: "FILE:///etc/passwd", json: "FILE:///etc/passwd"),
        Reference(xml: "ftp://files.example/a.mp3", json: "ftp://files.example/a.mp3"),
        Reference(xml: "http:///etc/passwd", json: "http:///etc/passwd"),
        Reference(xml: "mailto:me@example.com", json: "mailto:me@example.com"),
    ]

    /// A document of `format` with `url` in every URL field it has.
    static func document(_ format: Format, url: String) -> String {
        switch format {
        case .rss:
            return """
                <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"
                 xmlns:wfw="http://wellformedweb.org/CommentAPI/"><channel><title>t</title><link>\(url)</link>
                <atom:link rel="self" href="\(url)"/><atom:link rel="hub" href="\(url)"/>
                <image><url>\(url)</url><title>t</title><link>\(url)</link></image>
                <item><title>i</title><link>\(url)</link><guid isPermaLink="true">\(url)</guid>
                <enclosure url="\(url)" type="audio/mpeg" length="1"/><comments>\(url)</comments>
                <wfw:commentRss>\(url)</wfw:commentRss><media:thumbnail url="\(url)"/></item></channel></rss>
                """
        case .atom:
            return """
                <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:feed</id>
                <link rel="alternate" href="\(url)"/><link rel="self" href="\(url)"/><link rel="hub" href="\(url)"/>
                <icon>\(url)</icon><logo>\(url)</logo><author><name>a</name><uri>\(url)</uri></author>
                <entry><id>urn:1</id><title>e</title><link rel="alternate" href="\(url)"/>
                <link rel="enclosure" href="\(url)" type="audio/mpeg"/><link rel="replies" href="\(url)"/>
                <author><name>b</name><uri>\(url)</uri></author><content src="\(url)"/></entry></feed>
                """
        case .json:
            let value = "\"\(url)\""
            return """
                {"version": "https://jsonfeed.org/version/1.1", "title": "t", "home_page_url": \(value),
                 "feed_url": \(value), "icon": \(value), "favicon": \(value), "hubs": [{"type": "WebSub", "url": \(value)}],
                 "authors": [{"name": "a", "url": \(value)}],
                 "items": [{"id": "1", "url": \(value), "image": \(value),
                   "attachments": [{"url": \(value), "mime_type": "audio/mpeg"}],
                   "authors": [{"name": "b", "url": \(value)}]}]}
                """
        }
    }

    /// Every URL field of the output that holds something, named.
    static func urlFields(_ document: FeedDocument) -> [(String, String)] {
        var fields: [(String, String?)] = [
            ("link", document.link), ("self", document.selfLink), ("image", document.image), ("icon", document.icon),
        ]
        fields += document.hubs.map { ("hub", $0) }
        fields += document.authors.map { ("author uri", $0.uri) }
        for entry in document.entries {
            fields += [
                ("entry link", entry.link), ("content source", entry.contentSource), ("comments", entry.comments),
                ("comment feed", entry.commentFeed), ("original link", entry.originalLink),
                ("entry image", entry.image),
            ]
            fields += entry.enclosures.map { ("enclosure", $0.url) }
            fields += entry.authors.map { ("entry author uri", $0.uri) }
        }
        return fields.compactMap { name, value in value.flatMap { $0.isEmpty ? nil : (name, $0) } }
    }

    static func parse(_ format: Format, url: String, documentURL: String?) throws -> FeedDocument {
        try FeedParser.parse(
            Array(document(format, url: url).utf8), options: FeedParserOptions(documentURL: documentURL))
    }

    @Test(arguments: Format.allCases)
    func webLinksFillEveryField(format: Format) throws {
        let document = try Self.parse(format, url: "https://ok.example/a", documentURL: "https://x.example/feed")
        let fields = Self.urlFields(document)
        #expect(fields.count >= 7, "\(fields)")
        for (name, value) in fields { #expect(value == "https://ok.example/a", "\(name)") }
        #expect(!document.problems.contains { $0.message.contains("dropped") })
    }

    @Test(arguments: Format.allCases, hostile)
    func otherSchemesAreDroppedAndReported(format: Format, reference: Reference) throws {
        let url = format == .json ? reference.json : reference.xml
        let document = try Self.parse(format, url: url, documentURL: "https://x.example/feed")
        for (name, value) in Self.urlFields(document) {
            // An author's URI may be a mailto: address; nothing else may be anything but http(s).
            let allowed = name.hasSuffix("author uri") && value.lowercased().hasPrefix("mailto:")
            #expect(allowed, "\(name) = \(value)")
        }
        #expect(document.bozo)
        #expect(document.problems.contains { $0.message.contains("dropped") }, "\(document.problems)")
        #expect(document.problems.allSatisfy { !$0.description.contains("\n") && !$0.description.contains("\t") })
    }

    @Test(arguments: Format.allCases)
    func aLocalFileResolvesAgainstItsWebLinkNeverTheDisk(format: Format) throws {
        // A saved copy of a feed: the file's URL is no base; the feed's own web address is.
        let text: String
        switch format {
        case .rss:
            text =
                "<rss version=\"2.0\"><channel><title>t</title><link>https://site.example/blog/</link>"
                + "<item><guid>1</guid><link>posts/1</link><enclosure url=\"/a.mp3\" type=\"audio/mpeg\"/>"
                + "<description>&lt;a href=\"x.html\"&gt;x&lt;/a&gt;</description></item></channel></rss>"
        case .atom:
            text =
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
                + "<link rel=\"alternate\" href=\"https://site.example/blog/\"/><entry><id>1</id>"
                + "<link href=\"posts/1\"/><link rel=\"enclosure\" href=\"/a.mp3\"/>"
                + "<summary type=\"html\">&lt;a href=\"x.html\"&gt;x&lt;/a&gt;</summary></entry></feed>"
        case .json:
            text =
                "{\"version\": \"https://jsonfeed.org/version/1.1\", \"home_page_url\": \"https://site.example/blog/\","
                + " \"items\": [{\"id\": \"1\", \"url\": \"posts/1\", \"attachments\": [{\"url\": \"/a.mp3\"}],"
                + " \"content_html\": \"<a href=\\\"x.html\\\">x</a>\"}]}"
        }
        let options = FeedParserOptions(documentURL: "file:///home/me/saved/feed")
        let document = try FeedParser.parse(Array(text.utf8), options: options)
        let entry = try #require(document.entries.first)
        #expect(entry.link == "https://site.example/blog/posts/1")
        #expect(entry.enclosures.map(\.url) == ["https://site.example/a.mp3"])
        #expect((entry.summary ?? entry.content)?.contains("href=\"https://site.example/blog/x.html\"") == true)
        #expect(!Self.urlFields(document).contains { $0.1.hasPrefix("file:") })
    }

    @Test(arguments: Format.allCases)
    func relativeLinksWithNoWebBaseAreDropped(format: Format) throws {
        let document = try Self.parse(format, url: "posts/1", documentURL: "file:///home/me/saved/feed")
        #expect(Self.urlFields(document).isEmpty, "\(Self.urlFields(document))")
        #expect(
            document.problems.contains {
                $0.message.hasSuffix("dropped: a relative URL with no http or https base")
            }, "\(document.problems)")
    }

    @Test func anXMLBaseChainCannotLeadToTheDisk() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://x.example/"><title>t</title>
            <entry xml:base="file:///etc/"><id>urn:1</id><link href="passwd"/>
            <link rel="enclosure" href="shadow"/><author><name>a</name><uri>group</uri></author></entry>
            <entry xml:base="javascript:alert(1)//"><id>urn:2</id><link href="x"/></entry>
            <entry xml:base="file:///etc/"><id>urn:3</id><link href="https://fine.example/3"/></entry></feed>
            """
        let document = try FeedParser.parse(Array(xml.utf8), options: FeedParserOptions(documentURL: nil))
        #expect(document.entries.map(\.link) == [nil, nil, "https://fine.example/3"])
        #expect(document.entries[0].enclosures.isEmpty)
        #expect(document.entries[0].authors.first?.uri == nil)
        let messages = document.problems.map(\.message)
        #expect(
            messages.contains("link \"passwd\" of entry \"urn:1\" dropped: a relative URL with no http or https base"))
        #expect(messages.contains("link \"x\" of entry \"urn:2\" dropped: a relative URL with no http or https base"))
    }

    @Test func droppedURLsAreListedUpToACap() throws {
        let items = (0..<100).map { "<item><guid>\($0)</guid><link>javascript:alert(\($0))</link></item>" }
        let xml = "<rss version=\"2.0\"><channel><title>t</title>\(items.joined())</channel></rss>"
        let document = try FeedParser.parse(Array(xml.utf8), options: FeedParserOptions(documentURL: "https://x/"))
        let dropped = document.problems.filter { $0.message.contains("dropped") }
        #expect(dropped.count == LinkRefusals.maximumListed + 1)
        #expect(dropped.last?.message == "\(100 - LinkRefusals.maximumListed) more URLs dropped")
        #expect(dropped.first?.message == "link \"javascript:alert(0)\" of entry \"0\" dropped: a javascript: URL")
    }
}
