import Testing

@testable import FeedHTML

@Suite struct ASCIIWhitespaceTests {
    @Test(arguments: [
        ("plain", "plain"), ("  padded \t", "padded"), ("\r\n", ""), ("", ""),
        ("\u{0C}form feed\u{0C}", "\u{0C}form feed\u{0C}"),
    ])
    func trimsXMLWhitespace(_ input: String, _ expected: String) {
        #expect(input.trimmingASCIIWhitespace() == expected)
    }

    @Test(arguments: [
        ("one space", "one space"), ("  runs \t of\n\nspace  ", "runs of space"), ("tab\tonly", "tab only"),
        ("form\u{0C}feed", "form\u{0C}feed"), ("", ""), ("   ", ""),
    ])
    func collapsesXMLWhitespace(_ input: String, _ expected: String) {
        #expect(input.collapsingWhitespace() == expected)
    }

    @Test(arguments: [
        ("one space", "one space"), (" line\none\r\n", "line one"), ("vertical\u{0B}tab", "vertical tab"),
        ("form\u{0C}\u{0C}feed", "form feed"), ("no\u{A0}break", "no\u{A0}break"),
    ])
    func collapsesAllASCIIWhitespace(_ input: String, _ expected: String) {
        #expect(input.collapsingAllASCIIWhitespace() == expected)
    }

    @Test func bytesFollowTheirStandards() {
        let all: [UInt8] = Array(0...0x7F)
        #expect(all.filter(\.isXMLWhitespace) == [0x09, 0x0A, 0x0D, 0x20])
        #expect(all.filter(\.isHTMLWhitespace) == [0x09, 0x0A, 0x0C, 0x0D, 0x20])
        #expect(all.filter(\.isASCIIWhitespace) == [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20])
    }
}
