import FeedHTML
import Foundation
import Testing

@testable import Digest

@Suite struct DigestTextTests {
    @Test func everyLineFitsIn72ColumnsExceptLongURLs() {
        let longText = (0..<30).map { "Wörd\($0) ünïcode text flows onward" }.joined(separator: " ") + "."
        let digest = Fixtures.build(
            [
                Fixtures.article(
                    id: 1, feed: 1, feedTitle: String(repeating: "Long feed title ", count: 8),
                    title: String(repeating: "A rather long headline ", count: 6), text: longText),
                Fixtures.article(
                    id: 2, feed: 1, link: "https://example.com/" + String(repeating: "x", count: 100), text: "Short."),
            ],
            problems: [
                DigestFeedProblem(
                    feedTitle: "Failing", url: "https://f.example/feed",
                    kind: .failing(since: Fixtures.base, status: 500, error: String(repeating: "error ", count: 30)))
            ])
        let text = DigestRenderer.text(digest)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines where !line.contains("https://example.com/xxx") {
            #expect(line.unicodeScalars.count <= 72, "\(line)")
        }
        #expect(lines.contains { $0.contains("https://example.com/" + String(repeating: "x", count: 100)) })
        // Wrapped words are kept whole and in order.
        #expect(text.collapsingAllASCIIWhitespace().contains(longText.prefix(200)))
    }

    @Test func wrapsAtWordBoundariesWithIndent() {
        var output = DigestOutput(capacity: 64)
        output.appendWrapped(
            "aaaa bbbb cccc dddd eeee", width: 12, indent: "  ", firstIndent: "* ")
        #expect(output.string == "* aaaa bbbb\n  cccc dddd\n  eeee\n")

        var long = DigestOutput(capacity: 64)
        long.appendWrapped("a " + String(repeating: "z", count: 20) + " b", width: 10, indent: "")
        #expect(long.string == "a\n" + String(repeating: "z", count: 20) + "\nb\n")
    }

    @Test func plainTextNoMarkup() {
        let digest = Fixtures.build([
            Fixtures.article(
                id: 1, feed: 1, feedTitle: "Feed & <Co>", tags: ["news"], title: "Title <b>&amp;</b>",
                link: "javascript:alert(1)", text: "Body text. Second.")
        ])
        let text = DigestRenderer.text(digest)
        #expect(text.contains("\nNEWS\n====\n"))
        #expect(text.contains("\nFeed & <Co>\n-----------\n"))
        #expect(text.contains("\n* Title <b>&amp;</b>\n  Sun 29 Nov, 05:59\n  Body text. Second.\n"))
        #expect(!text.contains("javascript"))
        #expect(text.hasSuffix("\n-- \nGenerated Sun 29 Nov, 06:00 by feedd.\n"))
    }

    @Test func renderDispatchesOnFormat() {
        let digest = Fixtures.build([Fixtures.article(id: 1, feed: 1)])
        #expect(DigestRenderer.render(digest, as: .html) == DigestRenderer.html(digest))
        #expect(DigestRenderer.render(digest, as: .markdown) == DigestRenderer.markdown(digest))
        #expect(DigestRenderer.render(digest, as: .text) == DigestRenderer.text(digest))
    }
}
