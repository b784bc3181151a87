import FeedModel
import Foundation
import Testing

@testable import FeedParsing

/// The kinds of document feedd read differently from the reference parser (Python's feedparser), each in small
/// documents of our own under Fixtures/reference: parsed as they would arrive (URL, Content-Location header) and
/// compared with the `.expect.json` beside them, which names only the fields that matter.
@Suite struct ReferenceParserTests {
    /// One fixture and how it arrived.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var documentURL = "http://feeds.example/feed/"
        var contentLocation: String?

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // HTTP Content-Location is the base, absolute or relative to the URL; xml:base still overrides it.
        Case(name: "content-location-absolute", contentLocation: "http://mirror.example/blog/"),
        Case(name: "content-location-relative", contentLocation: "/blog/"),
        Case(name: "content-location-unsafe", contentLocation: "javascript:alert(1)"),
        Case(name: "content-location-xml-base", contentLocation: "http://mirror.example/x/feed.xml"),
        // RSS articles in body, xhtml:body and fullitem.
        Case(name: "rss-body"),
        Case(name: "rss-xhtml-body"),
        Case(name: "rss-fullitem"),
        // EBCDIC and DOS code pages under the names feedparser accepts.
        Case(name: "ebcdic-cp037"),
        Case(name: "ebcdic-cp500"),
        Case(name: "ebcdic-ibm039"),
        Case(name: "ebcdic-cp875"),
        Case(name: "dos-cp437"),
        Case(name: "dos-cspc850"),
        Case(name: "dos-ibm852"),
        // RSS 0.90/1.0 and Userland namespaces however they are declared.
        Case(name: "namespace-rss10-default"),
        Case(name: "namespace-rss10-prefixed"),
        Case(name: "namespace-rss090-root"),
        Case(name: "namespace-userland-rss21"),
        Case(name: "namespace-atom-uppercase"),
        // Atom XHTML: only Atom 1.0's wrapper div is dropped.
        Case(name: "atom-xhtml-divs"),
        Case(name: "atom03-xhtml-div"),
    ]

    @Test(arguments: cases)
    func matchesExpectation(_ item: Case) throws {
        let options = FeedParserOptions(documentURL: item.documentURL, contentLocation: item.contentLocation)
        let document = try FeedParser.parse(try Fixtures.bytes("reference/\(item.name).xml"), options: options)
        let expectationData = try Data(
            contentsOf: Fixtures.directory.appendingPathComponent("reference/\(item.name).expect.json"))
        let expected = try JSONSerialization.jsonObject(with: expectationData)
        let mismatches = DocumentProjection.mismatches(expected: expected, actual: DocumentProjection.project(document))
        #expect(mismatches.isEmpty, Comment(rawValue: "\(item.name):\n" + mismatches.joined(separator: "\n")))
    }

    /// A fixture left out of the table would never be checked.
    @Test func everyFixtureIsInTheTable() throws {
        let directory = Fixtures.directory.appendingPathComponent("reference")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".xml") }
            .map { String($0.dropLast(".xml".count)) }
        #expect(Set(names) == Set(Self.cases.map(\.name)))
    }

    @Test func contentLocationIsResolvedAgainstTheDocumentURL() {
        func base(_ location: String?) -> String? {
            FeedParserOptions(documentURL: "https://feeds.example/a/feed.xml", contentLocation: location).baseURL
        }
        #expect(base(nil) == "https://feeds.example/a/feed.xml")
        #expect(base("  ") == "https://feeds.example/a/feed.xml")
        #expect(base("b/index.xml") == "https://feeds.example/a/b/index.xml")
        #expect(base("http://other.example/") == "http://other.example/")
        #expect(base("javascript:alert(1)") == "https://feeds.example/a/feed.xml")
        #expect(base("file:///etc/passwd") == "https://feeds.example/a/feed.xml")
    }

    /// An EBCDIC document is recognised by its first bytes before the decoder has read its declaration.
    @Test func ebcdicWithoutADeclarationIsReadAsIBM037() throws {
        let xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Ørsted</title></channel></rss>"
        let document = try FeedParser.parse(Self.ibm037(xml))
        #expect(document.title == "Ørsted")
        #expect(!document.bozo)
    }

    /// IBM037 for the characters the test above needs (letters, digits, XML punctuation, Ø).
    private static func ibm037(_ text: String) -> [UInt8] {
        var table: [Character: UInt8] = [
            " ": 0x40, "<": 0x4C, ">": 0x6E, "?": 0x6F, "=": 0x7E, "\"": 0x7F, ".": 0x4B, "/": 0x61, "Ø": 0x80,
        ]
        for (offset, letter) in "abcdefghi".enumerated() { table[letter] = 0x81 + UInt8(offset) }
        for (offset, letter) in "jklmnopqr".enumerated() { table[letter] = 0x91 + UInt8(offset) }
        for (offset, letter) in "stuvwxyz".enumerated() { table[letter] = 0xA2 + UInt8(offset) }
        for (offset, letter) in "ABCDEFGHI".enumerated() { table[letter] = 0xC1 + UInt8(offset) }
        for (offset, letter) in "JKLMNOPQR".enumerated() { table[letter] = 0xD1 + UInt8(offset) }
        for (offset, letter) in "STUVWXYZ".enumerated() { table[letter] = 0xE2 + UInt8(offset) }
        for (offset, digit) in "0123456789".enumerated() { table[digit] = 0xF0 + UInt8(offset) }
        return text.map { table[$0] ?? 0x6F }
    }
}
