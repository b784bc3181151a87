import Testing

@testable import FeedHTML

/// URL attributes through both readers: schemes are judged after references are decoded and whitespace and
/// controls are removed, relative references are resolved, and `srcset` is filtered candidate by candidate.
@Suite struct HTMLSanitizerURLTests {
    static let base = "https://example.com/blog/post/"

    static func link(_ href: String) -> String { "<a href=\"\(href)\">x</a>" }

    static let schemes: [SanitizerCase] = [
        SanitizerCase(link("javascript:alert(1)"), "<a>x</a>"),
        SanitizerCase(link("JaVaScRiPt:alert(1)"), "<a>x</a>"),
        SanitizerCase(link("jav&#x09;ascript:alert(1)"), "<a>x</a>"),
        SanitizerCase(link("JAV&#X09;ASCRIPT:alert(1)"), "<a>x</a>"),
        SanitizerCase(link("jav&#10;ascript:alert(1)"), "<a>x</a>"),
        SanitizerCase(link("jav&#13;ascript:alert(1)"), "<a>x</a>", fastPathTakes: false),
        SanitizerCase(link("  java\nscript:alert(1)"), "<a>x</a>"),
        SanitizerCase(link("java\tscript:alert(1)"), "<a>x</a>"),
        SanitizerCase(link("&#106;avascript:alert(1)"), "<a>x</a>"),
        SanitizerCase(link("&#x6A;avascript&#x3A;alert(1)"), "<a>x</a>"),
        SanitizerCase(link("&#0000106;avascript:alert(1)"), "<a>x</a>"),
        SanitizerCase(link("\u{1}javascript:alert(1)"), "<a>x</a>", fastPathTakes: false),
        SanitizerCase(link("&#1;javascript:alert(1)"), "<a>x</a>", fastPathTakes: false),
        SanitizerCase(link("data:text/html;base64,PHNjcmlwdD4="), "<a>x</a>"),
        SanitizerCase(link("DATA:text/html,x"), "<a>x</a>"),
        SanitizerCase(link("vbscript:msgbox(1)"), "<a>x</a>"),
        SanitizerCase(link("v&#98;script:msgbox(1)"), "<a>x</a>"),
        SanitizerCase(link("file:///etc/passwd"), "<a>x</a>"),
        SanitizerCase(link("ftp://files.example/x"), "<a>x</a>"),
        SanitizerCase(link("feed:https://example.org/rss"), "<a>x</a>"),
        SanitizerCase("<img src=\"data:image/png;base64,AAAA\">", ""),
        SanitizerCase("<img src=\"jav&#x09;ascript:alert(1)\">", ""),
        SanitizerCase("<img src=\"mailto:a@example.org\">", ""),
        SanitizerCase("<video src=\"vbscript:x\" poster=\"javascript:x\"></video>", "<video controls></video>"),
        SanitizerCase("<blockquote cite=\"javascript:alert(1)\">q</blockquote>", "<blockquote>q</blockquote>"),
        // What survives.
        SanitizerCase(link(" https://ok.example/a?b=1&amp;c=2 "), "<a href=\"https://ok.example/a?b=1&amp;c=2\">x</a>"),
        SanitizerCase(link("&#x68;ttps://ok.example/"), "<a href=\"https://ok.example/\">x</a>"),
        SanitizerCase(link("HTTP://OK.EXAMPLE/"), "<a href=\"HTTP://OK.EXAMPLE/\">x</a>"),
        SanitizerCase(link("mailto:me@example.org"), "<a href=\"mailto:me@example.org\">x</a>"),
        SanitizerCase(
            link("mailto:?subject=Look&amp;body=https://example.com/p"),
            "<a href=\"mailto:?subject=Look&amp;body=https://example.com/p\">x</a>"),
        // A space inside the scheme is not removed (browsers keep it too); the result is no usable reference.
        SanitizerCase(link("java script:x"), "<a>x</a>"),
    ]

    @Test(arguments: schemes)
    func onlyWebAndMailSchemesSurvive(_ testCase: SanitizerCase) {
        testCase.check(base: Self.base)
    }

    static let relative: [SanitizerCase] = [
        SanitizerCase(link("//cdn.example.net/x"), "<a href=\"https://cdn.example.net/x\">x</a>"),
        SanitizerCase(link("../x"), "<a href=\"https://example.com/blog/x\">x</a>"),
        SanitizerCase(link("../../../../x"), "<a href=\"https://example.com/x\">x</a>"),
        SanitizerCase(link("?q=1"), "<a href=\"https://example.com/blog/post/?q=1\">x</a>"),
        SanitizerCase(link("/root"), "<a href=\"https://example.com/root\">x</a>"),
        SanitizerCase(link("page.html"), "<a href=\"https://example.com/blog/post/page.html\">x</a>"),
        SanitizerCase(link("#fn1"), "<a href=\"https://example.com/blog/post/#fn1\">x</a>"),
        SanitizerCase(
            "<img src=\"./a.png\" alt=\"a\">",
            "<img src=\"https://example.com/blog/post/a.png\" alt=\"a\" loading=\"lazy\">"),
        SanitizerCase("<q cite=\"../src\">q</q>", "<q cite=\"https://example.com/blog/src\">q</q>"),
    ]

    @Test(arguments: relative)
    func relativeReferencesResolveAgainstTheBase(_ testCase: SanitizerCase) {
        testCase.check(base: Self.base)
    }

    @Test func aQueryReplacesTheBaseQuery() {
        SanitizerCase(Self.link("?page=2"), "<a href=\"https://example.com/list?page=2\">x</a>")
            .check(base: "https://example.com/list?page=1")
    }

    @Test func relativeReferencesWithoutABaseAreDropped() {
        SanitizerCase(Self.link("//cdn.example.net/x") + "<img src=\"../a.png\">", "<a>x</a>").check(base: nil)
    }

    static func image(srcset: String) -> String { "<img src=\"/a.jpg\" srcset=\"\(srcset)\">" }
    static func imageOutput(srcset: String?) -> String {
        "<img src=\"https://example.com/a.jpg\"" + (srcset.map { " srcset=\"\($0)\"" } ?? "") + " loading=\"lazy\">"
    }

    static let sourceSets: [SanitizerCase] = [
        SanitizerCase(
            image(srcset: "a.jpg 1x, /b.jpg 2x"),
            imageOutput(srcset: "https://example.com/blog/post/a.jpg 1x, https://example.com/b.jpg 2x")),
        SanitizerCase(
            image(srcset: "javascript:alert(1) 1x, /ok.jpg 2x"), imageOutput(srcset: "https://example.com/ok.jpg 2x")),
        // A decoded tab splits a candidate as it does for browsers: `java` is the URL, `script:x` a bad descriptor.
        SanitizerCase(
            image(srcset: "java&#x09;script:x 1x, /ok.jpg 2x, data:image/png;base64,AA 3x"),
            imageOutput(srcset: "https://example.com/blog/post/java 1x, https://example.com/ok.jpg 2x")),
        SanitizerCase(
            image(srcset: "&#106;avascript:x 1x, /ok.jpg 2x"), imageOutput(srcset: "https://example.com/ok.jpg 2x")),
        SanitizerCase(image(srcset: "vbscript:x 1x, data:image/png;base64,AA 2x"), imageOutput(srcset: nil)),
        SanitizerCase(
            image(srcset: "/s.jpg 100w, /m.jpg 500w, /l.jpg 1000w"),
            imageOutput(
                srcset:
                    "https://example.com/s.jpg 100w, https://example.com/m.jpg 500w, https://example.com/l.jpg 1000w"
            )),
        SanitizerCase(
            image(srcset: "/a.jpg, /b.jpg 2x"),
            imageOutput(srcset: "https://example.com/a.jpg, https://example.com/b.jpg 2x")
        ),
        SanitizerCase(image(srcset: "/a.jpg 1x bogus"), imageOutput(srcset: "https://example.com/a.jpg 1x")),
        SanitizerCase(image(srcset: "/a,b.jpg 1x"), imageOutput(srcset: "https://example.com/a,b.jpg 1x")),
        SanitizerCase(
            image(srcset: "https://t.example/a.jpg 1x,https://t.example/b.jpg 2x"),
            imageOutput(srcset: "https://t.example/a.jpg 1x, https://t.example/b.jpg 2x")),
        SanitizerCase(
            "<picture><source srcset=\"javascript:x 1x\" type=\"image/webp\"><img src=\"/a.jpg\"></picture>",
            "<picture><img src=\"https://example.com/a.jpg\" loading=\"lazy\"></picture>"),
        SanitizerCase(
            "<picture><source srcset=\"/a.webp 1x, vbscript:x 2x\" type=\"image/webp\"><img src=\"/a.jpg\"></picture>",
            "<picture><source srcset=\"https://example.com/a.webp 1x\" type=\"image/webp\">"
                + "<img src=\"https://example.com/a.jpg\" loading=\"lazy\"></picture>"),
    ]

    @Test(arguments: sourceSets)
    func sourceSetsAreFilteredCandidateByCandidate(_ testCase: SanitizerCase) {
        testCase.check(base: Self.base)
    }
}
