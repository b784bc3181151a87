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
}
