import Testing

@testable import FeedParsing

@Suite struct AmpersandRepairTests {
    static let cases: [(String, String)] = [
        ("AT&T", "AT&amp;T"),
        ("a &amp; b &lt; c", "a &amp; b &lt; c"),
        ("&#38; &#x26; &#X26; &nbsp; &eacute;", "&#38; &#x26; &#x26; &#160; &#233;"),
        ("&undefinedname; &apos;", "&undefinedname; &apos;"),
        ("<link>http://x/?a=1&b=2</link>", "<link>http://x/?a=1&amp;b=2</link>"),
        ("<a href=\"?a=1&b=2\">", "<a href=\"?a=1&amp;b=2\">"),
        ("<![CDATA[a & b]]> & c", "<![CDATA[a & b]]> &amp; c"),
        ("<![CDATA[ ]] > ]]>&x", "<![CDATA[ ]] > ]]>&amp;x"),
        ("<!-- a & b --> &", "<!-- a & b --> &amp;"),
        ("<!DOCTYPE x> & y", "<!DOCTYPE x> &amp; y"),
        ("& ", "&amp; "),
        ("&;", "&amp;;"),
        ("&#;", "&amp;#;"),
        ("&#xZZ;", "&amp;#xZZ;"),
        ("&#12a;", "&amp;#12a;"),
        ("don&#146;t &#x96; &#150; &#128;", "don&#8217;t &#8211; &#8211; &#8364;"),
        ("&#X41;", "&#x41;"),
        ("&#129;", "&#129;"),
        ("&", "&amp;"),
        ("&" + String(repeating: "a", count: 60) + ";", "&amp;" + String(repeating: "a", count: 60) + ";"),
        ("&caf\u{e9};", "&caf\u{e9};"),
        ("no ampersand at all", "no ampersand at all"),
        ("<", "<"),
        ("<!", "<!"),
        ("<![CDATA[unterminated & still raw", "<![CDATA[unterminated & still raw"),
    ]

    static func repair(_ input: [UInt8], splitAt split: Int?) -> (String, Int) {
        var repair = AmpersandRepair()
        var output: [UInt8] = []
        input.withUnsafeBytes { bytes in
            if let split {
                repair.process(UnsafeRawBufferPointer(rebasing: bytes[..<split]), isFinal: false) { output += $0 }
                repair.process(UnsafeRawBufferPointer(rebasing: bytes[split...]), isFinal: false) { output += $0 }
            } else {
                repair.process(bytes, isFinal: false) { output += $0 }
            }
        }
        repair.process(UnsafeRawBufferPointer(start: nil, count: 0), isFinal: true) { output += $0 }
        return (String(decoding: output, as: UTF8.self), repair.repairs)
    }

    @Test(arguments: cases)
    func repairsOnlyBareAmpersands(input: String, expected: String) {
        let bytes = Array(input.utf8)
        let (whole, repairs) = Self.repair(bytes, splitAt: nil)
        #expect(whole == expected)
        // Only a bare & counts as a repair; rewritten character references do not.
        #expect((repairs > 0) == (expected.utf8.count > input.utf8.count && expected.contains("&amp;")))
        for split in 0...bytes.count {
            #expect(Self.repair(bytes, splitAt: split).0 == expected, "split at \(split)")
        }
    }

    /// Splits "<a><![CDATA[x & y]]>&</a>" at `split` (if any): the markup libxml2 gets, and the section texts set apart.
    static func sections(splitAt split: Int?) -> (String, [String]) {
        var repair = AmpersandRepair()
        var markup: [UInt8] = []
        var texts: [String] = []
        let input = Array("<a><![CDATA[x & y]]>&</a>".utf8)
        input.withUnsafeBytes { bytes in
            let pieces = split.map { [bytes[..<$0], bytes[$0...]] } ?? [bytes[...]]
            for piece in pieces {
                repair.process(
                    UnsafeRawBufferPointer(rebasing: piece), isFinal: false, emit: { markup += $0 },
                    sectionText: { texts.append(String(decoding: $0, as: UTF8.self)) })
            }
            repair.process(UnsafeRawBufferPointer(start: nil, count: 0), isFinal: true) { markup += $0 }
        }
        return (String(decoding: markup, as: UTF8.self), texts)
    }

    @Test(arguments: [nil, 2, 5, 22])
    func theTextOfASectionReadWholeIsSetApart(split: Int?) {
        #expect(Self.sections(splitAt: split) == ("<a><![CDATA[]]>&amp;</a>", ["x & y"]))
    }

    @Test(arguments: [12, 15, 18, 19])
    func aSectionSplitBetweenPiecesGoesToLibxml2(split: Int) {
        #expect(Self.sections(splitAt: split) == ("<a><![CDATA[x & y]]>&amp;</a>", []))
    }
}
