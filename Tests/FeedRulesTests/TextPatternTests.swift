import FeedRules
import Testing

@Suite struct TextPatternTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var pattern: String
        var text: String
        var matches: Bool
        var testDescription: String { "\(pattern) ~ \(text)" }
    }

    @Test(arguments: [
        Case(pattern: #"(?i)\b(sponsored|advertorial)\b"#, text: "A Sponsored post", matches: true),
        Case(pattern: #"(?i)\b(sponsored|advertorial)\b"#, text: "Unsponsored thoughts", matches: false),
        // Unicode: \b and (?i) know letters beyond ASCII.
        Case(pattern: #"(?i)\bÉTÉ\b"#, text: "Un été chaud", matches: true),
        Case(pattern: #"\bstraße\b"#, text: "Hauptstraßenbau", matches: false),
        Case(pattern: "^Podcast:", text: "Podcast: episode 4", matches: true),
        Case(pattern: "^Podcast:", text: "New Podcast: episode 4", matches: false),
        Case(pattern: #"(?m)^Sponsor$"#, text: "Body\nSponsor\nMore", matches: true),
        Case(pattern: "", text: "anything", matches: true),
    ])
    func matching(_ example: Case) throws {
        #expect(try TextPattern(example.pattern).matches(example.text) == example.matches)
    }

    @Test(arguments: [
        ("(unclosed", "missing closing parenthesis at character 10"),
        ("a{2,1}", "numbers out of order in {} quantifier at character 6"),
        (#"\k"#, #"\k is not followed by a braced, angle-bracketed, or quoted name at character 3"#),
    ])
    func errorsSayWhatAndWhere(_ pattern: String, _ message: String) {
        #expect(throws: TextPatternError.self) { try TextPattern(pattern) }
        do {
            _ = try TextPattern(pattern)
        } catch {
            #expect(error.description == message)
        }
    }

    /// A pattern that backtracks exponentially gives up at its limit on hostile text instead of stalling.
    @Test func catastrophicBacktrackingGivesUp() throws {
        let pattern = try TextPattern("(a+)+$")
        let text = String(repeating: "a", count: 40) + "!"
        #expect(!pattern.matches(text))
        #expect(pattern.matches("aaaa"))
    }
}
