import FeedHTML
import FeedModel
import Foundation
import Testing

@testable import FeedParsing

@Suite struct NotAFeedTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var expected: FeedParseError
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty", bytes: [], expected: .empty),
        Case(name: "whitespace", bytes: Array(" \n\t\r\n".utf8), expected: .empty),
        Case(name: "png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], expected: .binary),
        Case(name: "gzip", bytes: [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03], expected: .binary),
        Case(
            name: "svg", bytes: Array("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>".utf8),
            expected: .notAFeed(rootElement: "svg xmlns=\"http://www.w3.org/2000/svg\"")),
        Case(
            name: "html without feeds",
            bytes: Array("<!DOCTYPE html><html><head><title>x</title></head><body>hi</body></html>".utf8),
            expected: .htmlPage(feeds: [])),
        Case(
            name: "html with feeds",
            bytes: Array(
                """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <link rel="alternate" type="application/rss+xml" title="Posts" href="/feed.xml">
                <link rel="Alternate Feed" type="application/atom+xml" href="https://site.example/atom.xml">
                <link rel="stylesheet" href="/style.css">
                </head><body><p>Unclosed <b>markup
                """.utf8),
            expected: .htmlPage(feeds: [
                DiscoveredFeed(url: "https://site.example/feed.xml", type: "application/rss+xml", title: "Posts"),
                DiscoveredFeed(url: "https://site.example/atom.xml", type: "application/atom+xml", title: nil),
            ])),
        Case(
            name: "json that is not a feed", bytes: Array("{\"hello\": \"world\"}".utf8),
            expected: .invalidJSON("JSON, but not a JSON Feed: no \"version\" and no \"items\"")),
        Case(
            name: "plain text", bytes: Array("Just some words, nothing else.".utf8),
            expected: .noRootElement(problem: "the document does not start with '<' or '{'")),
    ]

    @Test(arguments: cases)
    func isRefusedWithAClearError(_ testCase: Case) {
        let options = FeedParserOptions(documentURL: "https://site.example/blog/")
        #expect(throws: testCase.expected) { try FeedParser.parse(testCase.bytes, options: options) }
    }

    @Test func invalidJSONSaysSo() {
        #expect {
            try FeedParser.parse(Array("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [".utf8))
        } throws: { error in
            guard case .invalidJSON(let reason) = error as? FeedParseError else { return false }
            return reason.hasPrefix("invalid JSON")
        }
    }

    @Test func errorsAreOneLine() {
        for testCase in Self.cases {
            #expect(!testCase.expected.description.contains("\n"))
        }
        let listing = FeedParseError.htmlPage(feeds: [
            DiscoveredFeed(url: "https://a.example/f", type: "application/rss+xml", title: nil)
        ])
        #expect(listing.description.contains("https://a.example/f"))
    }
}
