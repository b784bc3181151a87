import Testing

@testable import FeedConfig

/// The guard must flag only headers: brackets in arrays, strings and comments are not headers.
@Suite struct TOMLHeaderGuardTests {
    @Test(arguments: [
        "a = [\n  [ +1 ],\n  [ {x = 1} ],\n]\n",
        "a = \"\"\"\n[!not a header]\n\"\"\"\n",
        "a = '''\n[\n'''\n",
        "a = \"\"\"x\\\"\"\"\n[!still in the string]\"\"\"\n",
        "a = \"\"\"x\"\"\"\"\"\n[b]\n",
        "# [!comment]\n[\"quoted key\"]\n['literal']\n[ spaced . key ]\n[[feed]]\n[]\n[ [x]]\n",
    ])
    func acceptsWhatIsNoBadHeader(text: String) {
        #expect(TOMLHeaderGuard.firstBadHeader(in: text) == nil)
    }

    @Test func countsLinesInsideMultiLineStrings() {
        let found = TOMLHeaderGuard.firstBadHeader(in: "a = \"\"\"\none\ntwo\"\"\"\n[.b]\n")
        #expect(found?.line == 4)
        #expect(found?.found == "'.'")
    }
}
