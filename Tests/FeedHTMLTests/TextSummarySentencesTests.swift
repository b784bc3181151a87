import Testing

@testable import FeedHTML

@Suite struct TextSummarySentencesTests {
    static let cases: [(String, String)] = [
        ("One. Two. Three. Four.", "One. Two. Three."),
        (
            "The U.S. economy grew. Prices fell. Wages rose. Nobody cared.",
            "The U.S. economy grew. Prices fell. Wages rose."
        ),
        // A dotted abbreviation never ends a sentence, even where a person would read one.
        ("He moved to the U.S. Then he left. Done. Extra.", "He moved to the U.S. Then he left. Done. Extra."),
        (
            "Dr. Smith arrived. Mr. Jones left. Ms. Lee stayed. Late.",
            "Dr. Smith arrived. Mr. Jones left. Ms. Lee stayed."
        ),
        (
            "Use tools, e.g. Hammers and saws. Then rest. Sleep. Wake.",
            "Use tools, e.g. Hammers and saws. Then rest. Sleep."
        ),
        ("Growth was 3.5 percent. It was 2.1 before. Fine. Extra.", "Growth was 3.5 percent. It was 2.1 before. Fine."),
        ("J. R. R. Tolkien wrote books. They sold. A lot. More.", "J. R. R. Tolkien wrote books. They sold. A lot."),
        ("Really? Yes! Absolutely. No.", "Really? Yes! Absolutely."),
        ("Wait... What happened? Nothing. More.", "Wait... What happened? Nothing."),
        ("He said \"Stop.\" Then he left. Gone. Extra.", "He said \"Stop.\" Then he left. Gone."),
        (
            "lowercase after period. still same sentence. New one. Two. Three.",
            "lowercase after period. still same sentence. New one. Two."
        ),
        (
            "A headline without a period\n\nThe body starts here. More body. Even more.",
            "A headline without a period The body starts here. More body."
        ),
        ("Spaces   and\nnewlines\tcollapse.  Next one.", "Spaces and newlines collapse. Next one."),
        ("Meet at 10 a.m. in Rome. Tomorrow we go. Fine. Extra.", "Meet at 10 a.m. in Rome. Tomorrow we go. Fine."),
        ("Published Jan. 5 in Berlin. Second. Third. Fourth.", "Published Jan. 5 in Berlin. Second. Third."),
        ("Prices rose in 2024. Then they fell. End. Extra.", "Prices rose in 2024. Then they fell. End."),
        ("Ünïcödé first. Élan second. Ωmega third. Fourth.", "Ünïcödé first. Élan second. Ωmega third."),
        ("", ""),
        ("   \n\n  ", ""),
        ("No terminal punctuation at all", "No terminal punctuation at all"),
    ]

    @Test(arguments: cases)
    func splitsSentences(text: String, expected: String) {
        #expect(TextSummary.sentences(of: text) == expected)
    }

    @Test func maxSentences() {
        #expect(TextSummary.sentences(of: "One. Two. Three.", maxSentences: 2) == "One. Two.")
        #expect(TextSummary.sentences(of: "One. Two. Three.", maxSentences: 0) == "")
    }

    @Test func stopsAtWholeSentenceWhenTheNextDoesNotFit() {
        let text = "Short first. Long" + String(repeating: " long", count: 100) + "."
        #expect(TextSummary.sentences(of: text, maxCharacters: 50) == "Short first.")
    }

    @Test func cutsAnOverlongFirstSentenceAtAWordBoundary() {
        let text = "Alpha beta gamma, delta epsilon zeta eta theta iota kappa lambda."
        let summary = TextSummary.sentences(of: text, maxCharacters: 20)
        #expect(summary == "Alpha beta gamma…")
        #expect(summary.unicodeScalars.count <= 20)

        let unicode = String(repeating: "ä", count: 30) + " " + String(repeating: "ö", count: 30)
        let cut = TextSummary.sentences(of: unicode, maxCharacters: 40)
        #expect(cut == String(repeating: "ä", count: 30) + "…")

        let oneWord = String(repeating: "x", count: 50)
        #expect(TextSummary.sentences(of: oneWord, maxCharacters: 10) == String(repeating: "x", count: 9) + "…")
    }

    @Test func defaultLimitHolds() {
        let text = (0..<20).map { "Sentence number \($0) is moderately long and has several words in it." }
            .joined(separator: " ")
        let summary = TextSummary.sentences(of: text)
        #expect(summary.unicodeScalars.count <= 400)
        #expect(summary.hasSuffix("in it."))
        #expect(summary.components(separatedBy: "Sentence number").count - 1 == 3)
    }
}
