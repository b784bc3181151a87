import FeedProcess
import Testing

@Suite struct OneLineTextTests {
    @Test(arguments: [
        ("one\ntwo", "one two"),
        ("  one\r\n\r\ntwo\t ", "one two"),
        ("nul\u{0}byte", "nul byte"),
        ("plain", "plain"),
    ])
    func singleLine(text: String, expected: String) {
        #expect(OneLineText.singleLine(text) == expected)
    }

    @Test func firstLineSkipsBlankLinesAndCaps() {
        #expect(OneLineText.firstLine(of: Array("\n  \nerror: bad\nmore\n".utf8)) == "error: bad")
        #expect(OneLineText.firstLine(of: []) == "")
        #expect(OneLineText.firstLine(of: Array(String(repeating: "é", count: 300).utf8)).count == 200)
    }
}
