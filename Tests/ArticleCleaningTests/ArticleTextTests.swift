import FeedHTML
import Foundation
import Testing

@testable import ArticleCleaning

@Suite struct ArticleTextTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let html: String
        let text: String
        var testDescription: String { html }
    }

    static let extraction: [Case] = [
        // Paragraphs and blocks.
        Case(html: "<p>One</p><p>Two</p>", text: "One\n\nTwo"),
        Case(html: "<h1>Title</h1><p>Body text.</p>", text: "Title\n\nBody text."),
        Case(html: "<div>A</div><div>B</div><section>C</section><article>D</article>", text: "A\n\nB\n\nC\n\nD"),
        Case(html: "Loose text<p>para</p>tail", text: "Loose text\n\npara\n\ntail"),
        Case(html: "<blockquote><p>Quoted</p></blockquote><p>After</p>", text: "Quoted\n\nAfter"),
        Case(html: "<div><div><p>Deep</p></div></div><p>Next</p>", text: "Deep\n\nNext"),
        Case(html: "<p>Above</p><hr><p>Below</p>", text: "Above\n\nBelow"),
        Case(html: "<figure><img src=\"x.png\" alt=\"x\"><figcaption>Caption</figcaption></figure>", text: "Caption"),
        Case(html: "<dl><dt>Term</dt><dd>Meaning</dd></dl>", text: "Term\n\nMeaning"),
        Case(html: "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>", text: "a b\n\nc d"),
        Case(html: "<p></p><p> </p><div><p>Only</p></div><p></p>", text: "Only"),
        // Inline elements join words as written.
        Case(html: "<p>a <b>bold</b> and <em>it</em>al<a href=\"x\">ic</a></p>", text: "a bold and italic"),
        Case(html: "<p>x<span> y </span>z</p>", text: "x y z"),
        Case(html: "<p>Unknown <custom-el>element</custom-el> inline</p>", text: "Unknown element inline"),
        // Line breaks.
        Case(html: "<p>Line one<br>Line two<br/>Line three</p>", text: "Line one\nLine two\nLine three"),
        Case(html: "Para one<br><br>Para two<br /><br /><br />Para three", text: "Para one\n\nPara two\n\nPara three"),
        Case(html: "<p>Ends with break<br></p><p>Next</p>", text: "Ends with break\n\nNext"),
        Case(html: "<br><br>Leading breaks", text: "Leading breaks"),
        // Lists.
        Case(html: "<ul><li>One</li><li>Two</li></ul>", text: "• One\n• Two"),
        Case(
            html: "<p>Intro</p><ol><li>First</li><li>Second</li></ol><p>After</p>",
            text: "Intro\n\n• First\n• Second\n\nAfter"),
        Case(html: "<ul><li><p>Para in item</p></li><li>Plain</li></ul>", text: "• Para in item\n• Plain"),
        Case(html: "<ul><li>Outer<ul><li>Inner</li></ul></li><li>Back</li></ul>", text: "• Outer\n  • Inner\n• Back"),
        Case(html: "<ul><li></li><li>Only one</li></ul>", text: "• Only one"),
        Case(html: "<ul>\n  <li>Spaced\n  item</li>\n  <li>Two</li>\n</ul>", text: "• Spaced item\n• Two"),
        // Preformatted text keeps its lines.
        Case(html: "<pre>line 1\n  line 2\n\nline 4</pre>", text: "line 1\n  line 2\n\nline 4"),
        Case(html: "<p>Code:</p><pre>\nfirst\r\nsecond\n</pre><p>Done</p>", text: "Code:\n\nfirst\nsecond\n\nDone"),
        Case(html: "<pre><code>let x = 1\nlet  y = 2</code></pre>", text: "let x = 1\nlet  y = 2"),
        Case(html: "<pre>a<br>b</pre>", text: "a\nb"),
        Case(html: "<p>after    pre</p>", text: "after pre"),
        // Entities.
        Case(
            html: "<p>Tom &amp; Jerry &lt;3 &quot;quoted&quot; &apos;s&apos;</p>", text: "Tom & Jerry <3 \"quoted\" 's'"
        ),
        Case(html: "<p>caf&eacute; &#233; &#xE9; &mdash; &euro;&hellip;</p>", text: "café é é — €…"),
        Case(html: "<p>&#146;quote&#8217; &#128512;</p>", text: "’quote’ 😀"),
        Case(html: "<p>a&nbsp;&nbsp;b\u{A0}\u{A0}c</p>", text: "a b c"),
        Case(html: "<p>AT&T &unknown; & more</p>", text: "AT&T &unknown; & more"),
        Case(html: "<p>a < b and c > d</p>", text: "a < b and c > d"),
        // Whitespace collapses and the ends are clean.
        Case(html: "  \n<p>  lots   of\n\t space  </p>\n\n  ", text: "lots of space"),
        Case(html: "plain text only", text: "plain text only"),
        Case(html: "", text: ""),
        Case(html: "<p>   </p>", text: ""),
        // Content that is never text.
        Case(html: "<p>a</p><script>var x = '<p>no</p>';</script><p>b</p>", text: "a\n\nb"),
        Case(html: "<style>p { color: red }</style>Visible<!-- hidden --> text", text: "Visible text"),
        Case(html: "<p>x<SCRIPT type=\"t\">evil()</Script>y</p>", text: "xy"),
        Case(html: "<template><p>t</p></template><noscript>n</noscript>ok", text: "ok"),
        Case(html: "<!DOCTYPE html><html><head><title>T</title></head><body><p>Body</p></body></html>", text: "Body"),
        // Multi-byte text passes through untouched.
        Case(html: "<p>Привет, мир</p><p>日本語のテキスト</p>", text: "Привет, мир\n\n日本語のテキスト"),
        Case(html: "<p>e\u{301}t\u{E9} 👩‍👩‍👧</p>", text: "e\u{301}t\u{E9} 👩‍👩‍👧"),
        // Unclosed markup is read without failing.
        Case(html: "<p>open <b>bold", text: "open bold"),
        Case(html: "text <p class=\"x", text: "text <p class=\"x"),
    ]

    @Test(arguments: extraction)
    func extractsText(_ testCase: Case) {
        #expect(ArticleText.text(fromHTML: testCase.html) == testCase.text)
    }

    @Test func realArticleRoundTripsItsParagraphs() throws {
        let url = URL(fileURLWithPath: "/work/shared/seeds/000_07d2d95af1c2a203.txt")
        let article = try String(contentsOf: url, encoding: .utf8)
        // The seed's lines are its paragraphs; some end in no-break spaces or hold double spaces, which the
        // extracted text collapses like any other whitespace.
        let paragraphs = article.split(separator: "\n").map { line in
            line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }.filter { !$0.isEmpty }
        try #require(paragraphs.count > 5)
        let html = paragraphs.map { "<p>\(escaped($0))</p>" }.joined(separator: "\n")
        let text = ArticleText.text(fromHTML: html)
        #expect(text.components(separatedBy: "\n\n") == paragraphs)
        let summary = TextSummary.prefix(of: text)
        #expect(summary.count <= 300)
        #expect(summary.hasSuffix("…"))
        #expect(text.hasPrefix(String(summary.dropLast())))
    }

    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
