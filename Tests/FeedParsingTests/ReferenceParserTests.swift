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
}
