import Testing

@testable import FeedExtraction

@Suite struct SelectorExtractionTests {
    private func extract(_ html: String, _ rule: String) throws -> ExtractedContent? {
        let page = try #require(HTMLPage(bytes: Array(html.utf8), url: "https://news.example/story"))
        return ContentExtractor.extract(from: page, rule: try FullTextRule(rule))
    }

    @Test func theSelectedElementsAreTheContentInDocumentOrder() throws {
        let html = """
            <html><body><div class="chunk"><p>First part.</p></div><div class="ad">Buy now</div>\
            <div class="chunk"><p>Second part.</p><script>var x = "script text";</script>\
            <p hidden>hidden text</p></div></body></html>
            """
        let content = try #require(try extract(html, "css:.chunk"))
        #expect(content.text == "First part. Second part.")
        #expect(content.wordCount == 4)
    }

    @Test func aNodeInsideAnotherSelectedOneComesOnce() throws {
        let html = "<html><body><div><div><p>Only once, please.</p></div></div></body></html>"
        let content = try #require(try extract(html, "css:div"))
        #expect(content.text == "Only once, please.")
    }

    @Test func anXPathValueIsText() throws {
        let html = "<html><body><h1>The headline &amp; more</h1></body></html>"
        let content = try #require(try extract(html, "xpath:string(//h1)"))
        #expect(content.text == "The headline & more")
    }

    @Test func nothingSelectedIsNothingExtracted() throws {
        let html = Article.page(paragraphs: 5)
        #expect(try extract(html, "css:.no-such-class") == nil)
        #expect(try extract(html, "xpath://article/@class") == nil)
    }

    @Test func aRuleKeepsWhatTheOwnerChoseAndMarksAPaywall() throws {
        let html = Article.page(
            paragraphs: 2, head: "<meta itemprop=\"isAccessibleForFree\" content=\"false\">",
            after: "<div class=\"gate\">Subscribe to continue reading.</div>")
        let content = try #require(try extract(html, "css:.story-body"))
        #expect(content.text.hasPrefix("Paragraph 1"))
        #expect(content.isPaywallStub)
    }
}
