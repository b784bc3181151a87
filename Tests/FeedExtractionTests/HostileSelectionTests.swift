import Testing

@testable import FeedExtraction

/// Selection on pages built to make it expensive stays within its limits.
@Suite struct HostileSelectionTests {
    /// 100,000 paragraphs after 200 nested divs.
    static func hostilePage() -> HTMLPage? {
        var html = "<html><body>"
        html += String(repeating: "<div>", count: 200)
        html += "deep"
        html += String(repeating: "</div>", count: 200)
        html += String(repeating: "<p class=\"x\">paragraph text </p>", count: 100_000)
        html += "</body></html>"
        return HTMLPage(bytes: Array(html.utf8), url: "https://example.org/")
    }

    @Test func matchesAreCapped() throws {
        let page = try #require(Self.hostilePage())
        let nodes = page.select(try NodeSelector("css:p.x"))
        #expect(nodes.count == HTMLPage.maxSelectedNodes)
    }

    @Test func quadraticXPathHitsTheOperationLimit() throws {
        let page = try #require(Self.hostilePage())
        let selector = try NodeSelector("css:p:nth-child(2n+3)")
        #expect(page.select(selector).isEmpty)
        do {
            _ = try page.nodes(matching: selector)
            Issue.record("evaluated")
        } catch {
            #expect(error.reason.contains("steps"))
        }
    }

    @Test func childPseudoClassesStopAtTheFirstSibling() throws {
        let page = try #require(Self.hostilePage())
        #expect(page.select(try NodeSelector("css:body > p:first-child")).isEmpty)
        #expect(page.select(try NodeSelector("css:p:last-child")).count == 1)
        #expect(page.select(try NodeSelector("css:p:nth-child(3)")).count == 1)
    }

    @Test func textAndHTMLAreCapped() throws {
        let page = try #require(Self.hostilePage())
        let body = try #require(page.select(try NodeSelector("//body")).first)
        #expect(body.text.utf8.count <= HTMLNode.maxTextBytes)
        #expect(body.text.utf8.count > HTMLNode.maxTextBytes / 2)
        #expect(body.outerHTML.utf8.count <= HTMLNode.maxTextBytes)
    }

    @Test func nestingBeyondLibxml2sDepthStillGivesAPage() throws {
        var html = "<html><body>" + String(repeating: "<div>", count: 20_000) + "deep"
        html += String(repeating: "</div>", count: 20_000) + "</body></html>"
        let page = try #require(HTMLPage(bytes: Array(html.utf8), url: "https://example.org/"))
        let divs = page.select(try NodeSelector("css:div"))
        #expect(!divs.isEmpty && divs.count <= HTMLPage.maxSelectedNodes)
        #expect(divs[0].outerHTML.utf8.count <= HTMLNode.maxTextBytes)
    }

    @Test func deepNestingIsWalkedWithoutRecursion() throws {
        let page = try #require(Self.hostilePage())
        let outermost = try #require(page.select(try NodeSelector("/html/body/div")).first)
        #expect(outermost.text == "deep")
        #expect(outermost.outerHTML.hasSuffix("</div></div>"))
    }
}
