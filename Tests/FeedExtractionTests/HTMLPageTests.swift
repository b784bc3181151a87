import Testing

@testable import FeedExtraction

@Suite struct HTMLPageTests {
    @Test(
        arguments: [
            ("<meta charset=\"windows-1252\">", nil, "windows-1252"),
            ("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">", nil, "iso-8859-1"),
            ("<p>no declaration</p>", nil, "UTF-8"),
            ("<meta charset=\"windows-1252\">", "koi8-r", "koi8-r"),
        ] as [(String, String?, String)])
    func encodingComesFromTheHeaderThenTheMarkupThenUTF8(head: String, header: String?, expected: String) {
        #expect(HTMLPage.encoding(of: Array(head.utf8), httpCharset: header) == expected)
    }

    @Test func baseHrefMovesThePageURL() throws {
        let html = "<html><head><base href=\"/docs/\"></head><body><p>x</p></body></html>"
        let page = try #require(HTMLPage(bytes: Array(html.utf8), url: "https://example.org/a/b.html"))
        #expect(page.url == "https://example.org/docs/")
    }

    @Test func emptyInputIsNoPage() {
        #expect(HTMLPage(bytes: [], url: "https://example.org/") == nil)
    }
}
