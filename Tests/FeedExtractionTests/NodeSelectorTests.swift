import Testing

@testable import FeedExtraction

@Suite struct NodeSelectorTests {
    static let page = """
        <html><head><title>Index</title></head><body>
        <h1>Site</h1>
        <article id="one"><h2> First  story </h2><a href="/1">more</a><p>Body <b>one</b>.</p></article>
        <article id="two"><h2>Second</h2><a href="/2">more</a></article>
        <a class="story" id="three" href="/3">Third</a>
        </body></html>
        """

    func fixture() throws -> HTMLPage {
        try #require(HTMLPage(bytes: Array(Self.page.utf8), url: "https://example.org/news/"))
    }

    @Test(
        arguments: [
            ("css:article h2", NodeSelector.Language.css, "article h2"),
            ("xpath://article", .xpath, "//article"),
            ("//article", .xpath, "//article"),
            ("  css:  h2 ", .css, "h2"),
        ])
    func prefixNamesTheLanguage(text: String, language: NodeSelector.Language, expression: String) throws {
        let selector = try NodeSelector(text)
        #expect(selector.language == language)
        #expect(selector.expression == expression)
        #expect(selector.description == "\(language.rawValue):\(expression)")
        #expect(try NodeSelector(selector.description) == selector)
    }

    @Test func defaultLanguageAppliesWithoutPrefix() throws {
        #expect(try NodeSelector("h2", defaultLanguage: .css).xpath == "descendant-or-self::h2")
        #expect(try NodeSelector("xpath:h2", defaultLanguage: .css).xpath == "h2")
    }

    @Test(
        arguments: [
            "//div[", "//a/@", "count(", "//*[@id='x']]", "", "xpath:", "css:  ",
        ])
    func invalidXPathFailsWhenMade(text: String) {
        #expect(throws: SelectorError.self) { try NodeSelector(text) }
    }

    @Test func xpathErrorIsLibxml2sReasonOnOneLine() {
        do {
            _ = try NodeSelector("//div[")
            Issue.record("compiled")
        } catch {
            #expect(error.description.hasPrefix("invalid XPath \"//div[\": "))
            #expect(!error.reason.isEmpty && !error.description.contains("\n"))
        }
        do {
            _ = try NodeSelector("xpath:")
        } catch {
            #expect(error.description == "invalid XPath \"\": empty selector")
        }
    }

    @Test func relativeXPathSearchesBelowTheItem() throws {
        let page = try fixture()
        let items = page.select(try NodeSelector("//article"))
        #expect(items.map { $0.attribute("id") } == ["one", "two"])
        let titles = items.map { page.select(try! NodeSelector(".//h2"), in: $0).map(\.text) }
        #expect(titles == [["First story"], ["Second"]])
        // An absolute path ignores the item, as XPath says.
        #expect(page.select(try NodeSelector("//h2"), in: items[1]).count == 2)
        #expect(page.select(try NodeSelector("@id"), in: items[1]).map(\.text) == ["two"])
    }

    @Test func cssSearchesTheItemAndBelow() throws {
        let page = try fixture()
        let items = page.select(try NodeSelector("css:article, a.story"))
        #expect(items.map { $0.attribute("id") } == ["one", "two", "three"])
        let links = try NodeSelector("css:a::attr(href)")
        #expect(items.map { page.select(links, in: $0).map(\.text) } == [["/1"], ["/2"], ["/3"]])
        let headings = try NodeSelector("css:h2")
        #expect(items.map { page.select(headings, in: $0).count } == [1, 1, 0])
        // At the top, CSS searches the whole page.
        #expect(page.select(headings).count == 2)
    }

    @Test func nodesTellNameTextAndHTML() throws {
        let page = try fixture()
        let paragraph = try #require(page.select(try NodeSelector("css:p")).first)
        #expect(paragraph.name == "p")
        #expect(paragraph.text == "Body one.")
        #expect(paragraph.outerHTML == "<p>Body <b>one</b>.</p>")
        let href = try #require(page.select(try NodeSelector("//a/@href")).first)
        #expect(href.name == "href")
        #expect(href.outerHTML == "/1")
        #expect(href.attribute("href") == nil)
        let text = try #require(page.select(try NodeSelector("//b/text()")).first)
        #expect(text.name == "#text")
        #expect(text.text == "one")
    }

    @Test func nonNodeResultsAreOneValue() throws {
        let page = try fixture()
        let title = page.select(try NodeSelector("normalize-space(//article[1]/h2)"))
        #expect(title.map(\.name) == ["#value"])
        #expect(title.map(\.text) == ["First story"])
        #expect(page.select(try NodeSelector("count(//article)")).map(\.text) == ["2"])
        #expect(page.select(try NodeSelector("string(//nothing)")).isEmpty)
        #expect(page.select(try NodeSelector(".//h2"), in: title[0]).isEmpty)
    }

    @Test func evaluationErrorsAreReported() throws {
        let page = try fixture()
        let selector = try NodeSelector("//a[frobnicate()]")
        #expect(page.select(selector).isEmpty)
        #expect(throws: SelectorError.self) { try page.nodes(matching: selector) }
        #expect(throws: SelectorError.self) { try page.nodes(matching: try NodeSelector("$undefined")) }
    }

    @Test func unicodeTextSurvives() throws {
        let html = "<p title=\"café\">naïve — 日本</p>"
        let page = try #require(HTMLPage(bytes: Array(html.utf8), url: "https://example.org/"))
        let node = try #require(page.select(try NodeSelector("css:p")).first)
        #expect(node.text == "naïve — 日本")
        #expect(node.attribute("title") == "café")
        #expect(node.outerHTML == "<p title=\"café\">naïve — 日本</p>")
    }
}
