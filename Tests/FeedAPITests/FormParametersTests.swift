import Testing

@testable import FeedAPI

@Suite struct FormParametersTests {
    @Test(arguments: [
        ("a=1&b=2", [("a", "1"), ("b", "2")]),
        ("i=1&i=2&i=3", [("i", "1"), ("i", "2"), ("i", "3")]),
        ("s=user%2F-%2Fstate%2Fcom.google%2Fread", [("s", "user/-/state/com.google/read")]),
        ("t=two+words", [("t", "two words")]),
        ("api&items", [("api", ""), ("items", "")]),
        ("bad=%zz%4", [("bad", "%zz%4")]),
        ("&&x=&", [("x", "")]),
        ("e=%C3%A9t%C3%A9", [("e", "été")]),
    ])
    func decodesPairsInOrder(text: String, expected: [(String, String)]) {
        let parameters = FormParameters(encoded: Substring(text))
        #expect(parameters.pairs.map(\.name) == expected.map(\.0))
        #expect(parameters.pairs.map(\.value) == expected.map(\.1))
    }

    @Test func readsFirstAllAndPresence() {
        let parameters = FormParameters(encoded: "i=1&a=x&i=2&api")
        #expect(parameters.first("i") == "1")
        #expect(parameters.all("i") == ["1", "2"])
        #expect(parameters.contains("api"))
        #expect(!parameters.contains("items"))
        #expect(parameters.first("missing") == nil)
    }

    @Test func aPathKeepsItsPlus() {
        #expect(
            FormParameters.decode("/feed/https%3A%2F%2Fx.org%2Fa+b.xml", plusIsSpace: false)
                == "/feed/https://x.org/a+b.xml")
    }

    @Test func keepsAtMostTheMaximumCount() {
        let text = Array(repeating: "i=1", count: FormParameters.maximumCount + 50).joined(separator: "&")
        #expect(FormParameters(encoded: Substring(text)).pairs.count == FormParameters.maximumCount)
    }
}
