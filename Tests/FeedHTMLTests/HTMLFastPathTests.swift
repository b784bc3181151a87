import Foundation
import TestSupport
import Testing

@testable import FeedHTML

/// The fast reader must either decline or produce exactly what libxml2's reading produces.
@Suite struct HTMLFastPathTests {
    static let inputs: [String] = [
        "<p>Hello <b>world</b> &amp; friends</p>",
        "<p>One</p>\n<p>Two <a href=\"/x?a=1&amp;b=2\" title='t &quot;q&quot;'>link</a></p>",
        "<ul><li>a</li><li>b <em>c</em></li></ul><ol start=\"3\"><li>d</li></ol>",
        "<p><img src=\"/i.png\" alt=\"pic\" width=\"10\" height=\"10\"><br/>after</p>",
        "<figure><img src=\"a.png\" srcset=\"a.png 1x, b.png 2x\"><figcaption>Cap</figcaption></figure>",
        "<blockquote cite=\"http://q.example/\"><p>Quote</p></blockquote>",
        "<pre><code>let x = 1\n    y &lt; 2\n</code></pre>",
        "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>",
        "<h2>Title</h2><p>caf\u{e9} &eacute; &#233; &#xE9; &nbsp; &mdash; \u{1F680}</p>",
        "<p><a href=\"javascript:alert(1)\">x</a><a href=\"JaVaScRiPt:alert(1)\">y</a></p>",
        "<p><a href=\"&#106;avascript:alert(1)\">z</a></p>",
        "<p onclick=\"evil()\" style=\"color:red\" class=\"c\" id=\"i\">attrs</p>",
        "<video src=\"/v.mp4\" autoplay controls poster=\"/p.png\"></video>",
        "<audio src=\"/a.mp3\"></audio>",
        "<p>a<script>alert(1)</script>b</p>",
        "<style>p{}</style><p>x</p>",
        "<!-- comment --><p>x</p>",
        "<p>unclosed",
        "<p>one<p>two",
        "<p><div>block in p</div></p>",
        "<b><p>p in b</p></b>",
        "<a href=\"/1\">a<a href=\"/2\">b</a></a>",
        "<ul><li>one<li>two</ul>",
        "<p>mis<b>nested</p></b>",
        "text only & bare ampersand",
        "1 < 2 and 3 > 2",
        "<P CLASS=\"x\">Upper</P>",
        "<p title=unquoted>x</p>",
        "<p title=\"a\" title=\"b\">dup</p>",
        "<details open><summary>S</summary>D</details>",
        "<p>&unknownentity; &amp</p>",
        "<p>line\r\nbreak</p>",
        "<custom-element>x</custom-element>",
        "<iframe src=\"http://x/\"></iframe><p>after</p>",
        "<p>\u{0}nul</p>",
        "<span>a</span> <span>b</span>\n\n<div><span>c</span></div>",
        "<p><a href=\"mailto:a@b.example\">mail</a> <a href=\"data:text/html,x\">data</a></p>",
        "<picture><source srcset=\"/a.webp\" type=\"image/webp\"><img src=\"/a.jpg\"></picture>",
        "<dl><dt>t</dt><dd>d</dd></dl>",
        "<p>&#128;&#0;&#x110000;</p>",
        "<hr><p>after hr</p><hr/>",
        "<time datetime=\"2026-01-01\">Jan</time> <del datetime=\"x\" cite=\"/c\">d</del>",
        // Nestings libxml2 closes on its own (found by a differential fuzzer).
        "<ol><ul><li>a</li></ul></ol>",
        "<span><td>x</td></span>",
        "<dl><li>x</li></dl>",
        "<table><caption><tr><td>x</td></tr></caption></table>",
        "<pre><table><tr><td>x</td></tr></table></pre>",
        "<div><ul><li><p>para in item</p><ul><li>nested</li></ul></li></ul></div>",
        "<table><tbody><tr><td><div>block in cell</div></td></tr></tbody></table>",
        // Characters libxml2 drops or reads differently.
        "<p>a\u{1}b\u{B}c\u{C}d\u{7F}e\u{FFFF}f\u{FFFE}g</p>",
        "<img\u{C}src=\"/a.png\">",
        "<a href=\"/x\"\u{C}title=\"t\">x</a>",
        "<p>tab\tand\nnewline</p>",
        // Clutter the writer removes: it must go the same way whichever reader feeds the writer.
        "<div class=\"sharedaddy\"><p>share <b>this</b></p><ul><li>x</li></ul></div><p>after</p>",
        "<p>a<img src=\"https://t.example/p.gif\" width=\"1\" height=\"1\">b</p>",
        "<p><a href=\"http://feeds.feedburner.com/~ff/B?a=x\"><img src=\"http://feeds.feedburner.com/~ff/B\"></a></p>",
        "<p><a href=\"https://twitter.com/intent/tweet?u=x\">t</a> <a href=\"https://twitter.com/me\">me</a></p>",
        "<div class=\"share-price\"><span id=\"addtoany\">x</span>y</div>",
        "<nav class=\"social-share\"><a href=\"/x\">x</a></nav>ok",
    ]

    static func fast(_ html: String, base: String?) -> String? {
        var copy = html
        return copy.withUTF8 { bytes -> String? in
            let writer = HTMLSanitizingWriter(baseURL: base, capacity: bytes.count)
            guard HTMLFastPath.run(bytes, into: writer) else { return nil }
            writer.finish()
            return String(decoding: writer.output, as: UTF8.self)
        }
    }

    static func slow(_ html: String, base: String?) -> String {
        var copy = html
        return copy.withUTF8 { HTMLSanitizer.sanitizeWithLibxml2($0, baseURL: base) }
    }

    @Test(arguments: inputs)
    func agreesWithLibxml2OrDeclines(_ html: String) {
        let base = "https://site.example/posts/1"
        guard let fast = Self.fast(html, base: base) else { return }
        #expect(fast == Self.slow(html, base: base), "input: \(html)")
    }

    @Test func takesTheCommonCases() {
        let simple = Array(Self.inputs.prefix(9))
        for html in simple {
            #expect(Self.fast(html, base: "https://site.example/") != nil, "declined: \(html)")
        }
    }

    @Test func declinesWhatItDoesNotImitate() {
        for html in [
            "<p>a<script>alert(1)</script>b</p>", "<!-- c --><p>x</p>", "<p>one<p>two", "<p><div>x</div></p>",
            "<b><p>x</p></b>", "<ul><li>one<li>two</ul>", "<p title=unquoted>x</p>", "1 < 2", "<p>line\r\nb</p>",
        ] {
            #expect(Self.fast(html, base: nil) == nil, "accepted: \(html)")
        }
    }

    /// With FEEDD_HTML_CORPUS pointing at a file of HTML bodies separated by NUL bytes (one body per record),
    /// every body the fast reader accepts must read exactly as libxml2 reads it.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["FEEDD_HTML_CORPUS"] != nil))
    func agreesOnACorpus() throws {
        let path = try #require(ProcessInfo.processInfo.environment["FEEDD_HTML_CORPUS"])
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var accepted = 0
        var total = 0
        for record in data.split(separator: 0) {
            let html = String(decoding: record, as: UTF8.self)
            total += 1
            guard let fast = Self.fast(html, base: "https://site.example/a/b") else { continue }
            accepted += 1
            let slow = Self.slow(html, base: "https://site.example/a/b")
            #expect(fast == slow, "differs on: \(html.prefix(200))")
        }
        print("fast path accepted \(accepted) of \(total) bodies")
    }
}

extension HTMLFastPathTests {
    /// Random tag soup from a small alphabet: whatever the fast reader accepts must read exactly as libxml2 reads it,
    /// and nothing the sanitizer returns may carry script. Deterministic (a fixed seed), a few thousand cases.
    @Test func randomTagSoupAgreesWithLibxml2() {
        var random = SeededRandom(seed: 0x5EED)
        let tags = [
            "p", "b", "i", "a", "span", "div", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "thead",
            "tbody",
            "caption", "pre", "h2", "em", "img", "br", "hr", "blockquote", "figure", "figcaption", "code", "small",
            "script", "style", "font", "section", "details", "summary", "col", "colgroup",
        ]
        let attributes = [
            "href", "src", "title", "onclick", "style", "srcset", "cite", "controls", "lang", "class", "width",
            "height",
        ]
        let values = [
            "javascript:alert(1)", "java&#9;script:x", "/relative", "http://e.example/", "data:x", "a&amp;b", "x y",
            "mailto:a@b.example", "&#106;avascript:x", "sharedaddy x", "share-price", "1",
            "http://feeds.feedburner.com/~ff/x", "https://twitter.com/intent/tweet?x",
        ]
        let texts = ["x", " ", "\n", "\t", "&amp;", "&lt;", "&#65;", "&nbsp;", "é", "\u{1}", "\u{C}", "&#150;", ">"]
        func pick(_ list: [String]) -> String { list[Int(random.next() % UInt64(list.count))] }
        func soup(depth: Int) -> String {
            var html = ""
            for _ in 0..<Int(random.next() % 4) {
                if random.next() % 5 < 2 {
                    html += pick(texts)
                    continue
                }
                let tag = random.next() % 8 == 0 ? pick(tags).uppercased() : pick(tags)
                var open = "<" + tag
                for _ in 0..<Int(random.next() % 3) {
                    let separator = random.next() % 6 == 0 ? "\u{C}" : " "
                    open += separator + pick(attributes)
                    if random.next() % 4 != 0 { open += "=\"" + pick(values) + "\"" }
                }
                open += random.next() % 6 == 0 ? "/>" : ">"
                let inner = depth < 3 ? soup(depth: depth + 1) : ""
                let close = random.next() % 10 == 0 ? "" : "</" + tag + ">"
                html += open + inner + close
            }
            return html
        }
        var accepted = 0
        for _ in 0..<4000 {
            let html = soup(depth: 0)
            let base = "https://site.example/a/"
            if let fast = Self.fast(html, base: base) {
                accepted += 1
                #expect(fast == Self.slow(html, base: base), "input: \(html)")
            }
            let output = HTMLSanitizer.sanitize(html, baseURL: base).lowercased()
            #expect(!output.contains("<script") && !output.contains("<style"), "input: \(html)")
            #expect(!output.contains(/(href|src|srcset|cite|poster)="[^"]*(javascript|data):/), "input: \(html)")
            #expect(!output.contains(/\s(on[a-z]+|style)=/), "input: \(html)")
        }
        #expect(accepted > 500)
    }
}
