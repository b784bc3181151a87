import FeedHTML
import FeedModel
import Foundation
import Testing

@testable import FeedParsing

/// Every document in Fixtures/feeds is parsed and compared with its `.expect.json`: the fields the expectation
/// names must have exactly those values (what it leaves out is not checked).
@Suite struct FixtureCorpusTests {
    @Test(arguments: Fixtures.feedCases)
    func matchesExpectation(_ name: String) throws {
        let document = try FeedParser.parse(try Fixtures.bytes("feeds/" + name))
        let expectationData = try Data(
            contentsOf: Fixtures.directory.appendingPathComponent(
                "feeds/" + Fixtures.expectationName(for: name)))
        let expected = try JSONSerialization.jsonObject(with: expectationData)
        let mismatches = DocumentProjection.mismatches(expected: expected, actual: DocumentProjection.project(document))
        #expect(mismatches.isEmpty, Comment(rawValue: "\(name):\n" + mismatches.joined(separator: "\n")))
    }

    @Test(arguments: Fixtures.feedCases)
    func outputIsValidUTF8AndURLsAreAbsolute(_ name: String) throws {
        let document = try FeedParser.parse(try Fixtures.bytes("feeds/" + name))
        var urls = [document.link, document.selfLink, document.image, document.icon].compactMap { $0 }
        for entry in document.entries {
            urls += [
                entry.link, entry.comments, entry.commentFeed, entry.image, entry.contentSource, entry.originalLink,
            ]
            .compactMap { $0 }
            urls += entry.enclosures.map(\.url)
            #expect(!entry.id.isEmpty)
        }
        for url in urls where !url.isEmpty {
            #expect(URLResolver.hasScheme(url), "\(name): \(url) is not absolute")
        }
    }

    @Test func theCorpusCoversEveryFormatAndVersion() throws {
        var seen = Set<String>()
        for name in Fixtures.feedCases {
            let document = try FeedParser.parse(try Fixtures.bytes("feeds/" + name))
            seen.insert("\(document.format.rawValue) \(document.version)")
        }
        let wanted: Set = [
            "rss 0.90", "rss 0.91", "rss 0.92", "rss 0.93", "rss 0.94", "rss 2.0", "rdf 1.0", "atom 0.3", "atom 1.0",
            "json 1.0", "json 1.1",
        ]
        #expect(wanted.isSubset(of: seen), "missing: \(wanted.subtracting(seen).sorted())")
    }
}
