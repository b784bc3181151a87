import TestSupport
import Testing

@testable import FeedExtraction

/// Pages built to hurt: deep nesting, wide trees, huge text. Extraction must end, without recursion and in bounds.
@Suite struct HostilePageTests {
    @Test(arguments: ["div", "span", "blockquote", "li"])
    func tenThousandDeepNestingEnds(element: String) throws {
        let depth = 10_000
        let html =
            String(repeating: "<\(element) class=\"content\">", count: depth) + Article.paragraph(1)
            + Article.paragraph(2) + String(repeating: "</\(element)>", count: depth)
        let page = try #require(HTMLPage(bytes: Array(html.utf8), url: "https://n.example/"))
        // libxml2 2.9 (no HTML_PARSE_HUGE) builds 256 levels and hangs the rest below the last; whatever it keeps,
        // the walks (by the tree's links, never recursive) must finish.
        let content = ContentExtractor.extract(from: page, rule: .auto)
        if let content {
            #expect(content.text.contains("Paragraph"))
        }
    }

    @Test func deepNestingInsideTheArticleStillGivesItsText() throws {
        let html =
            "<html><body><article>" + (1...4).map(Article.paragraph).joined()
            + String(repeating: "<div>", count: 5_000) + "deep" + String(repeating: "</div>", count: 5_000)
            + "</article></body></html>"
        let page = try #require(HTMLPage(bytes: Array(html.utf8), url: "https://n.example/"))
        let content = try #require(ContentExtractor.extract(from: page, rule: .auto))
        #expect(content.text.contains("Paragraph 4"))
    }

    @Test func aQuarterMillionElementsAreReadOnlyUpToTheLimit() throws {
        let html =
            "<html><body><article>" + (1...3).map(Article.paragraph).joined() + "</article><div>"
            + String(repeating: "<p><a href=/x>x</a></p>", count: 250_000) + "</div></body></html>"
        let page = try #require(HTMLPage(bytes: Array(html.utf8), url: "https://n.example/"))
        let body = try #require(ContentExtractor.body(of: page))
        #expect(PageElements(root: body).count <= 100_000)
        let content = try #require(ContentExtractor.extract(from: page, rule: .auto))
        #expect(content.text.contains("Paragraph 3"))
    }

    @Test func aScriptUnderManyNestedBoxesIsNotReadOncePerBox() throws {
        let script = "<script>" + String(repeating: "var subscribe_to_continue = 1; ", count: 60_000) + "</script>"
        let html =
            "<html><body><article>" + (1...4).map(Article.paragraph).joined()
            + String(repeating: "<div>box ", count: 200) + script + String(repeating: "</div>", count: 200)
            + "</article></body></html>"
        let page = try #require(HTMLPage(bytes: Array(html.utf8), url: "https://n.example/"))
        let content = try #require(ContentExtractor.extract(from: page, rule: .auto))
        #expect(content.text.contains("Paragraph 4"))
        #expect(!content.text.contains("subscribe_to_continue"))
        #expect(!content.isPaywallStub)
    }

    @Test func markupSoupNeverBreaksExtraction() throws {
        let pieces = [
            "<div class=\"content\">", "</div>", "<p>", "</p>", "<article>", "</article>", "<a href=\"/x\">",
            "</a>", "<table><tr><td>", "</td></tr></table>", "<ul><li>", "</li></ul>", "<h1>", "</h1>", "<pre>",
            "</pre>", "<script>", "</script>", "<!--", "-->", "<nav>", "</nav>", "<div hidden>", "<br>",
            "<aside class=\"note\">", "</aside>", "&amp;", "&#0;", "\u{0}", "Some words, with commas, here. ",
            "A longer run of ordinary text that reads like a sentence of an article, with a comma. ",
        ]
        var random = SeededRandom(seed: 18)
        for _ in 0..<300 {
            let count = Int.random(in: 1...200, using: &random)
            let html = (0..<count).map { _ in pieces.randomElement(using: &random)! }.joined()
            guard let page = HTMLPage(bytes: Array(html.utf8), url: "https://n.example/") else { continue }
            if let content = ContentExtractor.extract(from: page, rule: .auto) {
                #expect(content.wordCount >= 25)
                #expect(!content.html.contains("<script"))
            }
        }
    }
}
