import Testing

@testable import FeedExtraction

@Suite struct FullTextRuleTests {
    @Test(
        arguments: [
            ("off", "off"), ("auto", "auto"), (" auto ", "auto"), ("css:article .body", "css:article .body"),
            ("xpath://div[@id='story']", "xpath://div[@id='story']"), ("css: main p ", "css:main p"),
        ])
    func aRuleReadsBackAsWritten(text: String, description: String) throws {
        #expect(try FullTextRule(text).description == description)
    }

    @Test func aSelectorRuleHoldsItsSelector() throws {
        guard case .selector(let selector) = try FullTextRule("css:article .body") else {
            Issue.record("not a selector")
            return
        }
        #expect(selector.language == .css)
        #expect(selector.expression == "article .body")
    }

    @Test(arguments: ["", "on", "Auto", "//div", "article .body", "readability"])
    func aValueThatIsNoRuleIsRefusedByName(text: String) {
        #expect(throws: FullTextRuleError(value: text)) { try FullTextRule(text) }
        let message = FullTextRuleError(value: text).description
        #expect(message == "full_text '\(text)' is not \"off\", \"auto\", \"css:SELECTOR\" or \"xpath:EXPRESSION\"")
    }

    @Test(arguments: ["css:", "css:div[", "css:((", "xpath://div[", "xpath:"])
    func anInvalidSelectorSaysWhy(text: String) {
        do {
            _ = try FullTextRule(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.value == text)
            #expect(error.reason != nil)
            #expect(error.description.hasPrefix("full_text '\(text)': "))
            #expect(!error.description.contains("\n"))
        }
    }
}
