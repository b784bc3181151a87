import Testing

@testable import FeedExtraction

@Suite struct ContentExtractorTests {
    private func extract(_ html: String, url: String = "https://news.example/2026/harbour", rule: FullTextRule = .auto)
        throws -> ExtractedContent?
    {
        let page = try #require(HTMLPage(bytes: Array(html.utf8), url: url))
        return ContentExtractor.extract(from: page, rule: rule)
    }

    @Test func theArticleComesWithoutTheFurniture() throws {
        let html = Article.page(
            paragraphs: 6,
            after: """
                <section class="comments"><h2>Comments</h2><p>I have lived on Quay Street for thirty years and the \
                wall has never been this bad, and the council knows it, and does nothing at all.</p></section>
                <div class="related"><a href="/a">Another story about the harbour</a></div>
                """)
        let content = try #require(try extract(html))
        #expect(content.text.hasPrefix("Paragraph 1 of the story"))
        #expect(content.text.contains("Paragraph 6"))
        for furniture in ["Home", "thirty years", "Another story", "Privacy", "Harbour closed"] {
            #expect(!content.text.contains(furniture), "\(furniture)")
        }
        #expect(content.title == "Harbour closed | The Ledger")
        #expect(content.wordCount == ContentExtractor.wordCount(of: content.text))
    }

    @Test func offExtractsNothing() throws {
        #expect(try extract(Article.page(paragraphs: 6), rule: .off) == nil)
    }

    @Test(
        arguments: [
            "<html><body></body></html>",
            "<html><body><nav><a href=/a>One</a> <a href=/b>Two</a></nav><p>Not found.</p></body></html>",
            Article.page(paragraphs: 0),
            "<html><body><ul>" + String(repeating: "<li><a href=/x>A headline about something else</a></li>", count: 40)
                + "</ul></body></html>",
        ])
    func aPageWithoutAnArticleGivesNothing(html: String) throws {
        #expect(try extract(html) == nil)
    }

    @Test func documentationKeepsItsCodeTablesAndHeadings() throws {
        let html = """
            <html><body><nav class="docs-sidebar"><a href="/a">Install</a><a href="/b">Configure</a></nav>
            <main><h1>Configuring</h1>
            <p>The configuration file lives in the state directory, and every key has a default, so an empty file is \
            a valid configuration.</p>
            <h2>Keys<a class="headerlink" href="#keys">¶</a></h2>
            <table><tr><th>Key</th><th>Default</th></tr><tr><td>interval</td><td>15m</td></tr></table>
            <pre><code>[fetch]
            interval = "30m"
            </code></pre>
            <p>Restart the daemon, or send it SIGHUP, after changing the file, and check the log for errors.</p>
            <img data-src="/img/diagram.png" src="data:image/gif;base64,R0lGOD" alt="diagram">
            </main></body></html>
            """
        let content = try #require(try extract(html, url: "https://docs.example/guide/config"))
        #expect(content.html.contains("<table>"))
        #expect(content.html.contains("<pre><code>[fetch]"))
        #expect(content.html.contains("<h2>Keys</h2>"))
        #expect(content.html.contains("src=\"https://docs.example/img/diagram.png\""))
        #expect(!content.text.contains("Install"))
    }

    @Test func scriptsStylesAndHiddenElementsNeverCome() throws {
        let html = Article.page(paragraphs: 4).replacingOccurrences(
            of: "<div class=\"story-body\">",
            with: """
                <div class="story-body"><script>var tracking = "words in a script";</script>\
                <style>p { color: red }</style><div hidden>hidden words</div>\
                <div style="display: none">more hidden words</div>
                """)
        let content = try #require(try extract(html))
        for hidden in ["tracking", "color", "hidden words"] {
            #expect(!content.text.contains(hidden))
        }
    }

    @Test func anArticleSplitAroundAdvertisementsComesWhole() throws {
        let chunks = (0..<3).map { chunk in
            "<div class=\"article-chunk\">" + (1...2).map { Article.paragraph(chunk * 2 + $0) }.joined() + "</div>"
        }
        let html =
            "<html><body><div class=\"col\">" + chunks.joined(separator: "<div class=\"ad-slot\">Advertisement</div>")
            + "</div></body></html>"
        let content = try #require(try extract(html))
        for number in 1...6 {
            #expect(content.text.contains("Paragraph \(number) "))
        }
        #expect(!content.text.contains("Advertisement"))
    }

    @Test func teaserCardsGoButARoundupOfLinkedHeadlinesStays() throws {
        let card = { (number: Int) in
            "<div class=\"card\"><h3><a href=\"/other/\(number)\">Another story \(number)</a></h3>"
                + "<p>A teaser of another story, long enough to read as a paragraph of its own, number \(number).</p></div>"
        }
        let withCards =
            "<html><body><div class=\"col\">" + (1...6).map(Article.paragraph).joined()
            + "<div class=\"grid\">" + (1...2).map(card).joined() + "</div></div></body></html>"
        let content = try #require(try extract(withCards))
        #expect(content.text.contains("Paragraph 6"))
        #expect(!content.text.contains("teaser"))

        let roundup = "<html><body><div class=\"col\">" + (1...8).map(card).joined() + "</div></body></html>"
        let links = try #require(try extract(roundup))
        #expect(links.text.contains("Another story 8"))
    }

    @Test func improvesWantsLongerTextThatIsNoPaywall() throws {
        let content = try #require(try extract(Article.page(paragraphs: 6)))
        #expect(ContentExtractor.improves(content, on: "A teaser of the story, a line long."))
        #expect(ContentExtractor.improves(content, on: ""))
        // The feed already had the whole text: the page adds nothing.
        #expect(!ContentExtractor.improves(content, on: content.text))
        let almostAll = content.text.split(separator: " ").dropLast(10).joined(separator: " ")
        #expect(!ContentExtractor.improves(content, on: almostAll))
        var stub = content
        stub.isPaywallStub = true
        #expect(!ContentExtractor.improves(stub, on: "A teaser."))
    }

    @Test func wordsAreRunsOfLettersAndDigits() {
        #expect(ContentExtractor.wordCount(of: "") == 0)
        #expect(ContentExtractor.wordCount(of: "It's 4.25 percent — Zürich's") == 7)
    }
}
