import Testing

@testable import FeedHTML

@Suite struct HTMLSanitizerTests {
    static let base = "https://example.com/blog/post/"

    /// Input, expected output, with `base` as the base URL.
    static let cases: [(String, String)] = [
        // Fast path and plain text.
        ("plain text", "plain text"),
        ("a > b", "a > b"),
        ("", ""),
        ("  spaced\n\ttext  ", "  spaced\n\ttext  "),
        // Entities and escaping.
        ("AT&amp;T &lt;tag&gt; &copy; &#x263A; &#9731;", "AT&amp;T &lt;tag&gt; © ☺ ☃"),
        ("AT&T and &bogus; stuff", "AT&amp;T and &amp;bogus; stuff"),
        ("<p>1 < 2 & 3 > 2</p>", "<p>1 &lt; 2 &amp; 3 &gt; 2</p>"),
        // Top-level text is not wrapped in an implied paragraph.
        ("Hello <b>world</b>!", "Hello <b>world</b>!"),
        ("text <p>para</p> tail", "text <p>para</p> tail"),
        // Non-ASCII text survives, whatever a meta tag claims.
        ("<p>Zürich Ελληνικά 日本語 🎉</p>", "<p>Zürich Ελληνικά 日本語 🎉</p>"),
        ("<meta charset=\"iso-8859-1\"><p>café</p>", "<p>café</p>"),
        // Unclosed and misnested tags are balanced.
        ("<p>one<p>two", "<p>one</p><p>two</p>"),
        ("<b><i>x</b> y", "<b><i>x</i></b> y"),
        ("<div><span>open", "<div><span>open</span></div>"),
        ("stray </div> end", "stray  end"),
        // Void elements.
        ("a<br>b<br/>c<hr>d", "a<br>b<br>c<hr>d"),
        ("x<wbr>y", "x<wbr>y"),
        (
            "<img src=\"/a.png\" alt=\"A &quot;quoted&quot; alt\">",
            "<img src=\"https://example.com/a.png\" alt=\"A &quot;quoted&quot; alt\" loading=\"lazy\">"
        ),
        (
            "<table><colgroup><col span=\"2\"></colgroup><tr><td>1<td>2</table>",
            "<table><colgroup><col span=\"2\"></colgroup><tr><td>1</td><td>2</td></tr></table>"
        ),
        // Lists.
        ("<ul><li>a<li>b<ol><li>c</ol></ul>", "<ul><li>a</li><li>b<ol><li>c</li></ol></li></ul>"),
        (
            "<ol start=\"3\" reversed><li value=\"7\">x</li></ol>",
            "<ol start=\"3\" reversed><li value=\"7\">x</li></ol>"
        ),
        // Whitespace in pre is untouched.
        ("<pre>  line 1\n    line 2\n\ttab</pre>", "<pre>  line 1\n    line 2\n\ttab</pre>"),
        ("<pre><code>if a &lt; b {\n    c()\n}</code></pre>", "<pre><code>if a &lt; b {\n    c()\n}</code></pre>"),
        // Relative URLs resolve against the base.
        ("<a href=\"../other/\">x</a>", "<a href=\"https://example.com/blog/other/\">x</a>"),
        ("<a href=\"#fn1\">1</a>", "<a href=\"https://example.com/blog/post/#fn1\">1</a>"),
        ("<a href=\"//cdn.example.net/x\">x</a>", "<a href=\"https://cdn.example.net/x\">x</a>"),
        (
            "<a href=\"  https://example.org/a?b=1&amp;c=2  \">x</a>",
            "<a href=\"https://example.org/a?b=1&amp;c=2\">x</a>"
        ),
        ("<a href=\"mailto:me@example.com\">m</a>", "<a href=\"mailto:me@example.com\">m</a>"),
        ("<a href=\"HTTPS://EXAMPLE.ORG/\">x</a>", "<a href=\"HTTPS://EXAMPLE.ORG/\">x</a>"),
        ("<blockquote cite=\"/src\">q</blockquote>", "<blockquote cite=\"https://example.com/src\">q</blockquote>"),
        // srcset, entry by entry.
        (
            "<img src=\"a.jpg\" srcset=\"a.jpg 1x, /b.jpg 2x, javascript:alert(1) 3x\">",
            "<img src=\"https://example.com/blog/post/a.jpg\" srcset=\"https://example.com/blog/post/a.jpg 1x, "
                + "https://example.com/b.jpg 2x\" loading=\"lazy\">"
        ),
        (
            "<img src=\"a.jpg\" srcset=\"https://c.example/w_100,h_50/x.jpg 100w,https://c.example/y.jpg 200w\">",
            "<img src=\"https://example.com/blog/post/a.jpg\" srcset=\"https://c.example/w_100,h_50/x.jpg 100w, "
                + "https://c.example/y.jpg 200w\" loading=\"lazy\">"
        ),
        (
            "<img src=\"a.jpg\" srcset=\"data:image/png;base64,AAAA 1x\">",
            "<img src=\"https://example.com/blog/post/a.jpg\" loading=\"lazy\">"
        ),
        // Media.
        (
            "<picture><source srcset=\"/a.webp\" type=\"image/webp\"><img src=\"/a.jpg\"></picture>",
            "<picture><source srcset=\"https://example.com/a.webp\" type=\"image/webp\">"
                + "<img src=\"https://example.com/a.jpg\" loading=\"lazy\"></picture>"
        ),
        (
            "<video src=\"/v.mp4\" autoplay poster=\"/p.jpg\"><track src=\"/t.vtt\" kind=\"captions\">Fallback</video>",
            "<video src=\"https://example.com/v.mp4\" poster=\"https://example.com/p.jpg\" controls>"
                + "<track src=\"https://example.com/t.vtt\" kind=\"captions\">Fallback</video>"
        ),
        (
            "<audio controls autoplay loop><source src=\"/a.mp3\" type=\"audio/mpeg\"></audio>",
            "<audio controls loop><source src=\"https://example.com/a.mp3\" type=\"audio/mpeg\"></audio>"
        ),
        // Structure elements.
        (
            "<figure><img src=\"/x.png\"><figcaption>Cap</figcaption></figure>",
            "<figure><img src=\"https://example.com/x.png\" loading=\"lazy\"><figcaption>Cap</figcaption></figure>"
        ),
        ("<details open><summary>S</summary>D</details>", "<details open><summary>S</summary>D</details>"),
        (
            "<p><abbr title=\"HyperText\">HTML</abbr> <time datetime=\"2025-01-01\">NY</time></p>",
            "<p><abbr title=\"HyperText\">HTML</abbr> <time datetime=\"2025-01-01\">NY</time></p>"
        ),
        ("<h1 class=\"x\" id=\"y\" style=\"color:red\">T</h1>", "<h1>T</h1>"),
        ("<p dir=\"rtl\" lang=\"ar\">مرحبا</p>", "<p dir=\"rtl\" lang=\"ar\">مرحبا</p>"),
        // Unknown elements are unwrapped, comments, PIs and doctypes vanish.
        ("<custom-el>kept</custom-el><font color=red>font</font>", "keptfont"),
        ("<!DOCTYPE html><!-- note -->a<?php echo 1 ?>b", "ab"),
        ("<html><body><p>doc</p></body></html>", "<p>doc</p>"),
        // Forms lose their controls but keep their text.
        (
            "<form action=\"https://evil.example/\">Name <input name=\"n\"> <button>Go</button>"
                + "<select><option>1</option></select><textarea>t</textarea></form>", "Name  "
        ),
    ]

    @Test(arguments: cases)
    func sanitizes(_ input: String, _ expected: String) {
        #expect(HTMLSanitizer.sanitize(input, baseURL: Self.base) == expected)
    }

    /// XSS vectors: input, expected output.
    static let attacks: [(String, String)] = [
        ("<script>alert(1)</script>ok", "ok"),
        ("<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>ok", "ok"),
        ("<script>document.write('<p>x</p>')</script>ok", "ok"),
        ("<img src=x onerror=alert(1)>", "<img src=\"https://example.com/blog/post/x\" loading=\"lazy\">"),
        ("<img src=\"javascript:alert(1)\">", ""),
        ("<img onerror=alert(1)>", ""),
        ("<svg onload=alert(1)><circle r=\"1\"/></svg>after", "after"),
        ("<svg><script>alert(1)</script></svg>after", "after"),
        ("<math><mtext><script>alert(1)</script></mtext></math>after", "after"),
        ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"  javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"java\tscript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"java\nscript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"java&#x09;script:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"java&#10;script:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"&#106;avascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=&#0000106&#0000097vascript:alert(1)>x</a>", "<a>x</a>"),
        ("<a href=\"&#1;javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"\u{1}javascript:alert(1)\">x</a>", "<a>x</a>"),
        (
            "<a href=\"javascript&colon;alert(1)\">x</a>",
            "<a href=\"https://example.com/blog/post/javascript&amp;colon;alert(1)\">x</a>"
        ),
        ("<a href=\"vbscript:msgbox(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>", "<a>x</a>"),
        ("<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">", ""),
        ("<a href=\"livescript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"mailto:x@y\" onclick=\"alert(1)\">x</a>", "<a href=\"mailto:x@y\">x</a>"),
        ("<img src=\"mailto:x@y\">", ""),
        ("<div style=\"width: expression(alert(1));\">x</div>", "<div>x</div>"),
        ("<div style=\"background:url(javascript:alert(1))\">x</div>", "<div>x</div>"),
        ("<style>body{background:url(javascript:alert(1))}</style>ok", "ok"),
        ("<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1);\">ok", "ok"),
        ("<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>ok", "ok"),
        ("<iframe src=\"https://evil.example/\">fallback</iframe>ok", "fallbackok"),
        ("<base href=\"javascript:alert(1)//\"><a href=\"/x\">x</a>", "<a href=\"https://example.com/x\">x</a>"),
        ("<form action=\"javascript:alert(1)\"><input type=\"submit\"></form>ok", "ok"),
        ("<button formaction=\"javascript:alert(1)\">x</button>ok", "ok"),
        ("<object data=\"javascript:alert(1)\">fallback</object>ok", "fallbackok"),
        ("<embed src=\"javascript:alert(1)\">ok", "ok"),
        ("<applet code=\"x\">fallback</applet>ok", "fallbackok"),
        ("<link rel=\"stylesheet\" href=\"javascript:alert(1)\">ok", "ok"),
        ("<body onload=alert(1)>ok</body>", "ok"),
        ("<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>", "<table><tr><td>x</td></tr></table>"),
        (
            "<video poster=\"javascript:alert(1)\" src=\"/v.mp4\"></video>",
            "<video src=\"https://example.com/v.mp4\" controls></video>"
        ),
        ("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>ok", "ok"),
        (
            "<p title=\"</p><script>alert(1)</script>\">x</p>",
            "<p title=\"&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">x</p>"
        ),
        ("<template><img src=x onerror=alert(1)></template>ok", "ok"),
        (
            "<a href=\"https://ok.example/\" target=\"_blank\" rel=\"opener\">x</a>",
            "<a href=\"https://ok.example/\">x</a>"
        ),
        ("<<script>alert(1)//<</script>", "&lt;"),
        ("<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)"),
        ("<IMG SRC=`javascript:alert(1)`>", ""),
        ("<title><script>alert(1)</script></title>ok", "ok"),
        ("<frameset><frame src=\"javascript:alert(1)\"></frameset>ok", "ok"),
        ("<isindex action=\"javascript:alert(1)\" type=\"submit\">ok", "ok"),
    ]

    @Test(arguments: attacks)
    func refusesAttack(_ input: String, _ expected: String) {
        let output = HTMLSanitizer.sanitize(input, baseURL: Self.base)
        #expect(output == expected)
        let lowered = output.lowercased()
        #expect(!lowered.contains("<script"))
        #expect(!lowered.contains("javascript:"))
        #expect(!lowered.contains(" on"))
    }

    @Test func relativeURLsWithoutBaseAreDropped() {
        #expect(HTMLSanitizer.sanitize("<a href=\"/x\">x</a><img src=\"y.png\">", baseURL: nil) == "<a>x</a>")
        #expect(
            HTMLSanitizer.sanitize("<a href=\"https://a.example/\">x</a>", baseURL: nil)
                == "<a href=\"https://a.example/\">x</a>")
    }

    @Test func byteOverloadMatchesStringVersion() {
        let input = "<p onclick=\"x\">Zürich <b>bold</p>"
        let fromBytes = Array(input.utf8).withUnsafeBufferPointer { HTMLSanitizer.sanitize($0, baseURL: nil) }
        #expect(fromBytes == HTMLSanitizer.sanitize(input, baseURL: nil))
        #expect(fromBytes == "<p>Zürich <b>bold</b></p>")
    }

    @Test func invalidUTF8InBytesStillGivesValidOutput() {
        let bytes: [UInt8] = Array("<p>caf".utf8) + [0xE9] + Array("</p>".utf8)
        let output = bytes.withUnsafeBufferPointer { HTMLSanitizer.sanitize($0, baseURL: nil) }
        #expect(output == "<p>café</p>")
    }

    @Test(arguments: cases.map(\.0) + attacks.map(\.0))
    func isIdempotent(_ input: String) {
        let once = HTMLSanitizer.sanitize(input, baseURL: Self.base)
        #expect(HTMLSanitizer.sanitize(once, baseURL: Self.base) == once)
    }

    @Test func closingTheInternalWrapperEarlyIsHarmless() {
        let output = HTMLSanitizer.sanitize("a</feedd-fragment>b<script>x</script>", baseURL: nil)
        #expect(output == "a<p>b</p>")
        #expect(HTMLSanitizer.sanitize(output, baseURL: nil) == output)
    }

    @Test func deepNestingIsBalanced() {
        let depth = 20_000
        let input = String(repeating: "<div>", count: depth) + "x"
        let output = HTMLSanitizer.sanitize(input, baseURL: nil)
        #expect(output == String(repeating: "<div>", count: depth) + "x" + String(repeating: "</div>", count: depth))
    }

    @Test func fastPathReturnsInputUnchanged() {
        let input = "No markup here, just > and \"quotes\"."
        #expect(HTMLSanitizer.sanitize(input, baseURL: nil) == input)
    }

    @Test func largeInputIsBalanced() {
        let input = String(repeating: "<div><p>para <b>bold <i>it</i></b> &amp; more</p>", count: 2000)
        let output = HTMLSanitizer.sanitize(input, baseURL: nil)
        #expect(output.hasSuffix(String(repeating: "</div>", count: 10)))
        let opens = output.ranges(of: "<div>").count
        let closes = output.ranges(of: "</div>").count
        #expect(opens == 2000 && closes == 2000)
    }
}
