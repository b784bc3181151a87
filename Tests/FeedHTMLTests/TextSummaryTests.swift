import Testing

@testable import FeedHTML

@Suite struct TextSummaryTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let limit: Int
        let summary: String
        var testDescription: String { "\(limit): \(text)" }
    }

    static let cases: [Case] = [
        // Fits: unchanged, paragraph breaks included.
        Case(text: "Short text.", limit: 300, summary: "Short text."),
        Case(text: "One.\n\nTwo.", limit: 300, summary: "One.\n\nTwo."),
        Case(text: "exactly10c", limit: 10, summary: "exactly10c"),
        Case(text: "", limit: 10, summary: ""),
        // One over: cut, and the ellipsis counts.
        Case(text: "exactly11ch", limit: 10, summary: "exactly11…"),
        Case(text: "one two three", limit: 12, summary: "one two…"),
        Case(text: "one two three", limit: 8, summary: "one two…"),
        Case(text: "one two three", limit: 7, summary: "one…"),
        Case(text: "one, two three", limit: 9, summary: "one, two…"),
        Case(text: "one, two three", limit: 8, summary: "one…"),
        Case(text: "First paragraph.\n\nSecond one is long", limit: 24, summary: "First paragraph…"),
        Case(text: "First.\n\nSecond paragraph here", limit: 18, summary: "First.\n\nSecond…"),
        // A first word longer than the limit is cut between characters.
        Case(text: "Supercalifragilistic word", limit: 6, summary: "Super…"),
        Case(text: "abcdef", limit: 1, summary: "…"),
        Case(text: "abcdef", limit: 0, summary: ""),
        // Multi-byte characters count once.
        Case(text: "Ünïcödé wörds hère", limit: 14, summary: "Ünïcödé wörds…"),
        Case(text: "日本語のテキストです", limit: 5, summary: "日本語の…"),
        // Grapheme clusters are never split.
        Case(text: "e\u{301}e\u{301}e\u{301}e\u{301}", limit: 3, summary: "e\u{301}e\u{301}…"),
        Case(text: "👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧", limit: 2, summary: "👩‍👩‍👧…"),
        Case(text: "🇫🇷🇩🇪🇮🇹 flags", limit: 3, summary: "🇫🇷🇩🇪…"),
        Case(text: "hi 👍🏽 there", limit: 5, summary: "hi 👍🏽…"),
    ]

    @Test(arguments: cases)
    func summarizes(_ testCase: Case) {
        let summary = TextSummary.prefix(of: testCase.text, limit: testCase.limit)
        #expect(summary == testCase.summary)
        #expect(summary.count <= max(0, testCase.limit))
    }

    @Test func defaultLimitIs300Characters() {
        let words = Array(repeating: "wörd", count: 200).joined(separator: " ")
        let summary = TextSummary.prefix(of: words)
        #expect(summary.count <= 300)
        #expect(summary.count > 290)
        #expect(summary.hasSuffix("wörd…"))
        #expect(words.hasPrefix(summary.dropLast()))
    }
}

@Suite struct TextSummaryFastPathTests {
    /// The byte path must give exactly what the `Character` path gives on every ASCII text.
    @Test func asciiPathAgreesWithTheCharacterPath() throws {
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        let alphabet = Array("ab cd,e.f;g:h-i\tj\nk  l".utf8)
        for _ in 0..<2000 {
            let length = Int(next() % 40)
            let text = String(
                decoding: (0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }, as: UTF8.self)
            let limit = Int(next() % 25) + 1
            let fast = try #require(TextSummary.asciiSummary(ofText: text, limit: limit))
            #expect(
                fast == TextSummary.characterSummary(ofText: text, limit: limit), "\(text.debugDescription) \(limit)")
        }
    }
}
