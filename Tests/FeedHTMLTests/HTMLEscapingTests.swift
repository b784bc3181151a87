import Testing

@testable import FeedHTML

@Suite struct HTMLEscapingTests {
    @Test(arguments: [
        ("no specials", "no specials"), ("a & b", "a &amp; b"), ("<b>", "&lt;b&gt;"), ("\"q\" 's'", "\"q\" 's'"),
        ("Zürich <3", "Zürich &lt;3"),
    ])
    func escapesText(_ input: String, _ expected: String) {
        #expect(HTMLEscaping.escapeText(input) == expected)
    }

    /// The word-at-a-time skip must not miss a special byte at any offset of a long run.
    @Test func escapesEveryOffsetOfLongText() {
        for offset in 0..<20 {
            let text = String(repeating: "x", count: offset) + "&" + String(repeating: "y", count: 19 - offset)
            let expected = String(repeating: "x", count: offset) + "&amp;" + String(repeating: "y", count: 19 - offset)
            #expect(HTMLEscaping.escapeText(text) == expected)
        }
    }

    @Test func attributesEscapeDoubleQuotesOnly() {
        var output: [UInt8] = []
        let value = Array("a\"b'c<d>e&f".utf8)
        value.withUnsafeBufferPointer { HTMLEscaping.appendEscapedAttribute($0, to: &output) }
        #expect(String(decoding: output, as: UTF8.self) == "a&quot;b'c&lt;d&gt;e&amp;f")
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("a & b < c > d", "a &amp; b &lt; c &gt; d"),
        ("\"quoted\" and 'single'", "&quot;quoted&quot; and &#39;single&#39;"),
        ("tab\tline\nreturn\r", "tab\tline\nreturn\r"),
        ("bell\u{07}vt\u{0B}ff\u{0C}esc\u{1B}del\u{7F}nul\u{00}end", "bellvtffescdelnulend"),
        ("Zürich – 日本語", "Zürich – 日本語"),
    ])
    func documentTextEscapesQuotesAndDropsControls(_ input: String, _ expected: String) {
        var output: [UInt8] = []
        HTMLEscaping.appendEscapedDocumentText(input, to: &output)
        #expect(String(decoding: output, as: UTF8.self) == expected)
    }
}
