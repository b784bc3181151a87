import Foundation
import Testing

@testable import Digest

@Suite struct DigestMarkdownTests {
    static func markdown(title: String, feedTitle: String = "Feed", link: String? = "https://example.com/a") -> String {
        DigestRenderer.markdown(
            Fixtures.build([
                Fixtures.article(id: 1, feed: 1, feedTitle: feedTitle, title: title, link: link, text: nil)
            ]))
    }

    static let escapes: [(String, String)] = [
        ("*bold* _it_", "\\*bold\\* \\_it\\_"),
        ("[link](https://evil.example)", "\\[link\\](https://evil.example)"),
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("`code` | pipe ~strike~", "\\`code\\` \\| pipe \\~strike\\~"),
        ("AT&T ![img]", "AT\\&T \\!\\[img\\]"),
        ("back\\slash", "back\\\\slash"),
        ("line\nbreak", "line break"),
    ]

    @Test(arguments: escapes)
    func titlesAreEscaped(title: String, escaped: String) {
        #expect(Self.markdown(title: title).contains("- **[\(escaped)](https://example.com/a)**"))
    }

    @Test func feedTitleHeadingIsEscaped() {
        let markdown = Self.markdown(title: "T", feedTitle: "# Not *a* heading\n# really")
        #expect(markdown.contains("\n## # Not \\*a\\* heading # really\n"))
    }

    @Test func lineStartMarkersAreEscapedInSummaries() {
        let digest = Fixtures.build([
            Fixtures.article(id: 1, feed: 1, title: "T", text: "1. First item of a list. - Not a bullet.")
        ])
        let markdown = DigestRenderer.markdown(digest)
        #expect(markdown.contains("  \n  1\\. First item of a list. - Not a bullet."))
        let dash = DigestRenderer.markdown(
            Fixtures.build([Fixtures.article(id: 1, feed: 1, title: "T", text: "- dash. # hash. + plus.")]))
        #expect(dash.contains("  \n  \\- dash. # hash. + plus."))
    }

    @Test func linkDestinationsCannotBreakOut() {
        #expect(
            Self.markdown(title: "T", link: "https://example.com/a)b(c<d>").contains(
                "](https://example.com/a%29b%28c%3Cd%3E)"))
        #expect(Self.markdown(title: "T", link: "javascript:alert(1)").contains("- **T** · "))
        #expect(!Self.markdown(title: "T", link: "javascript:alert(1)").contains("javascript"))
    }

    @Test func structure() {
        let digest = Fixtures.build([
            Fixtures.article(
                id: 1, story: 3, feed: 1, feedTitle: "A", tags: ["Tech"], title: "One", text: "Hello there."),
            Fixtures.article(id: 2, story: 3, feed: 2, feedTitle: "B", firstSeen: Fixtures.base),
        ])
        let markdown = DigestRenderer.markdown(digest)
        #expect(markdown.hasPrefix("# feedd digest — Sunday, 29 November 2026\n\n"))
        #expect(markdown.contains("\n## Tech\n\n### A\n\n- **[One](https://example.com/1)** · Sun 29 Nov, 05:59  \n"))
        #expect(markdown.contains("  Hello there.  \n  *also in: B*\n"))
    }
}
