import FeedHTML
import Testing

@Suite struct HTMLPlainTextTests {
    static let cases: [(String, String)] = [
        // Fast path: only whitespace work.
        ("Plain title", "Plain title"),
        ("  Padded\t\ttitle \n", "Padded title"),
        ("", ""),
        ("   ", ""),
        // Real markup is removed.
        ("<b>Bold</b> news", "Bold news"),
        ("<a href=\"https://x.example/?a=1&b=2\" title='a > b'>Link</a> text", "Link text"),
        ("Hello<br>World", "Hello World"),
        ("<p>One</p><p>Two</p>", "One Two"),
        ("<h1>Head</h1>line<div>div</div><li>item", "Head line div item"),
        ("foo<span>bar</span>baz", "foobarbaz"),
        ("<B>Upper</B> <EM>case</EM>", "Upper case"),
        ("<img src=\"x.png\" alt=\"pic\"/>Caption", "Caption"),
        // Script and style text is dropped.
        ("<script>alert(1)</script>Safe", "Safe"),
        ("Before<style type=\"text/css\">p { color: red }</style> after", "Before after"),
        ("<SCRIPT>var a = '</b>';</SCRIPT>x", "x"),
        ("<script>never closed", ""),
        // Comments and doctypes vanish.
        ("a<!-- hidden -->b", "ab"),
        ("<!DOCTYPE html>Doc", "Doc"),
        // Things that only look like tags stay.
        ("Release <v2>", "Release <v2>"),
        ("Foo <beta>", "Foo <beta>"),
        ("a < b", "a < b"),
        ("a<b", "a<b"),
        ("x <= y and y >= z", "x <= y and y >= z"),
        ("Use <vector<int>> in C++", "Use <vector<int>> in C++"),
        ("Array<String>", "Array<String>"),
        ("<3 love", "<3 love"),
        ("Unclosed <b", "Unclosed <b"),
        ("Open <b class=\"x\" forever", "Open <b class=\"x\" forever"),
        // Entities.
        ("AT&T", "AT&T"),
        ("&amp;", "&"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("&lt;b&gt;escaped&lt;/b&gt;", "<b>escaped</b>"),
        ("&quot;Quoted&quot; &apos;s&apos;", "\"Quoted\" 's'"),
        ("Caf&eacute; &hellip; &rsquo; &euro;", "Café … ’ €"),
        ("&#8217;&#x2019;&#X2019;", "’’’"),
        ("&#146;92&#150;", "’92–"),
        ("&#0; &#xD800; &#1114112;", "\u{FFFD} \u{FFFD} \u{FFFD}"),
        ("a&nbsp;&nbsp;b", "a b"),
        ("&bogus; &amp &", "&bogus; &amp &"),
        ("Q&A;", "Q&A;"),
        ("&#128512;", "😀"),
        // Non-ASCII text.
        ("  Zürich   Ελληνικά\n日本語  ", "Zürich Ελληνικά 日本語"),
        ("<i>Ελληνικά</i> – news", "Ελληνικά – news"),
    ]

    @Test(arguments: cases)
    func extractsText(_ input: String, _ expected: String) {
        #expect(HTMLPlainText.text(fromMarkup: input) == expected)
    }

    @Test func escapingRoundTripsThroughPlainText() {
        let titles = ["a < b & c > d", "Release <v2>", "AT&T", "Ω & <b>"]
        for title in titles {
            #expect(HTMLPlainText.text(fromMarkup: HTMLEscaping.escapeText(title)) == title)
        }
    }
}
