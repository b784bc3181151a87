import Testing

@testable import FeedModel

@Suite struct CanonicalURLTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let expected: String?
        var testDescription: String { input }
    }

    static let cases: [Case] = [
        // Case of scheme and host; path case is significant and kept.
        Case(input: "HTTP://Example.COM/Path/To", expected: "http://example.com/Path/To"),
        Case(input: "HtTpS://WWW.Example.com", expected: "https://www.example.com/"),
        // Default ports go, others stay without leading zeros.
        Case(input: "http://example.com:80/a", expected: "http://example.com/a"),
        Case(input: "https://example.com:443/a", expected: "https://example.com/a"),
        Case(input: "http://example.com:443/a", expected: "http://example.com:443/a"),
        Case(input: "https://example.com:80/a", expected: "https://example.com:80/a"),
        Case(input: "http://example.com:08080/a", expected: "http://example.com:8080/a"),
        Case(input: "http://example.com:/a", expected: "http://example.com/a"),
        // Fragments and empty paths.
        Case(input: "https://example.com/a#section-2", expected: "https://example.com/a"),
        Case(input: "https://example.com#top", expected: "https://example.com/"),
        Case(input: "https://example.com?b=1", expected: "https://example.com/?b=1"),
        Case(input: "https://example.com/?", expected: "https://example.com/"),
        // Percent-encoding: upper-case hex, unreserved decoded, reserved kept escaped, raw bytes escaped.
        Case(input: "https://example.com/a%2fb%3Fc", expected: "https://example.com/a%2Fb%3Fc"),
        Case(input: "https://example.com/%7euser/%41%62c", expected: "https://example.com/~user/Abc"),
        Case(input: "https://example.com/a b", expected: "https://example.com/a%20b"),
        Case(input: "https://example.com/caf\u{E9}", expected: "https://example.com/caf%C3%A9"),
        Case(input: "https://example.com/caf%c3%a9", expected: "https://example.com/caf%C3%A9"),
        Case(input: "https://example.com/100%", expected: "https://example.com/100%25"),
        Case(input: "https://example.com/a|b", expected: "https://example.com/a%7Cb"),
        Case(input: "https://example.com/?q=%7e%20x+y", expected: "https://example.com/?q=~%20x+y"),
        // Dot segments and backslashes.
        Case(input: "https://example.com/a/./b/../c", expected: "https://example.com/a/c"),
        Case(input: "https://example.com/a/%2E%2E/b", expected: "https://example.com/b"),
        Case(input: "https://example.com/../a", expected: "https://example.com/a"),
        Case(input: "https://example.com/a/b/..", expected: "https://example.com/a/"),
        Case(input: "https://example.com\\a\\b", expected: "https://example.com/a/b"),
        Case(input: "https://example.com/a/", expected: "https://example.com/a/"),
        // Tracking parameters go; the rest keep their order.
        Case(
            input: "https://example.com/p?utm_source=feed&id=7&utm_medium=rss&utm_campaign=x",
            expected: "https://example.com/p?id=7"),
        Case(
            input: "https://example.com/p?z=1&fbclid=abc&a=2&gclid=x&m=3", expected: "https://example.com/p?z=1&a=2&m=3"
        ),
        Case(input: "https://example.com/p?UTM_Source=x&Ref=home&b=2", expected: "https://example.com/p?b=2"),
        Case(input: "https://example.com/p?utm%5Fsource=x&b=2", expected: "https://example.com/p?b=2"),
        Case(input: "https://example.com/p?utm_source=x&utm_content=y", expected: "https://example.com/p"),
        Case(input: "https://example.com/p?a=1&&b=2&", expected: "https://example.com/p?a=1&b=2"),
        Case(
            input: "https://example.com/p?itm_source=s&mc_cid=1&mc_eid=2&_hsenc=3&mkt_tok=4&b",
            expected: "https://example.com/p?b"),
        Case(
            input: "https://example.com/p?hsCtaTracking=1&__hstc=2&_ga=3&_gl=4&msclkid=5",
            expected: "https://example.com/p"),
        Case(
            input: "https://example.com/p?reference=1&utm=2&ref_id=3",
            expected: "https://example.com/p?reference=1&utm=2&ref_id=3"),
        Case(input: "https://example.com/p?b=2&a=1", expected: "https://example.com/p?b=2&a=1"),
        Case(input: "https://example.com/p?a=1?b", expected: "https://example.com/p?a=1?b"),
        // Hosts: userinfo, IPv6, IDN, escapes.
        Case(input: "https://User:Pw@Example.com/", expected: "https://User:Pw@example.com/"),
        Case(input: "http://[2001:DB8::1]:80/x", expected: "http://[2001:db8::1]/x"),
        Case(input: "http://[::1]:8080", expected: "http://[::1]:8080/"),
        Case(input: "https://B\u{FC}cher.Example/", expected: "https://b\u{FC}cher.example/"),
        Case(input: "https://xn--bcher-kva.EXAMPLE/", expected: "https://xn--bcher-kva.example/"),
        Case(input: "https://ex%41mple.com/", expected: "https://example.com/"),
        // Whitespace around and inside (tabs, newlines) is ignored, as browsers do.
        Case(input: "  https://example.com/a\n  ", expected: "https://example.com/a"),
        Case(input: "https://exam\tple.com/a\nb", expected: "https://example.com/ab"),
        // Not http(s): nil.
        Case(input: "ftp://example.com/file", expected: nil),
        Case(input: "mailto:someone@example.com", expected: nil),
        Case(input: "javascript:alert(1)", expected: nil),
        Case(input: "file:///etc/passwd", expected: nil),
        Case(input: "httpx://example.com/", expected: nil),
        // Garbage: nil.
        Case(input: "", expected: nil),
        Case(input: "not a url", expected: nil),
        Case(input: "/relative/path", expected: nil),
        Case(input: "example.com/page", expected: nil),
        Case(input: "http://", expected: nil),
        Case(input: "http:/example.com", expected: nil),
        Case(input: "https://exa mple.com/", expected: nil),
        Case(input: "https://example.com:port/", expected: nil),
        Case(input: "https://example.com:99999/", expected: nil),
        Case(input: "https://[::1/", expected: nil),
        Case(input: "https://[zz]/", expected: nil),
        Case(input: "https://exa<mple.com/", expected: nil),
        Case(input: "https://%zz.com/", expected: nil),
        Case(input: "https://@/", expected: nil),
    ]

    @Test(arguments: cases)
    func canonicalizes(_ testCase: Case) {
        #expect(CanonicalURL.canonicalize(testCase.input) == testCase.expected)
    }

    @Test(arguments: cases.compactMap(\.expected))
    func isIdempotent(_ canonical: String) {
        #expect(CanonicalURL.canonicalize(canonical) == canonical)
    }

    @Test func equivalentSpellingsMeet() {
        let spellings = [
            "https://example.com/story?id=5",
            "HTTPS://EXAMPLE.COM:443/story?id=5#comments",
            "https://example.com/%73tory?utm_source=rss&id=5&fbclid=xyz",
            "https://example.com/./story?id=%35",
        ]
        let canonical = Set(spellings.map { CanonicalURL.canonicalize($0) })
        #expect(canonical == ["https://example.com/story?id=5"])
    }

    @Test func prefersTheOriginalLink() {
        let proxy = "https://feedproxy.google.com/~r/Site/~3/abc/story.html"
        let original = "https://site.example/2024/story.html?utm_source=feedburner"
        #expect(
            CanonicalURL.canonicalize(link: proxy, origLink: original) == "https://site.example/2024/story.html")
        #expect(CanonicalURL.canonicalize(link: proxy, origLink: nil) == proxy)
        #expect(CanonicalURL.canonicalize(link: proxy, origLink: "not a url") == proxy)
        #expect(CanonicalURL.canonicalize(link: nil, origLink: original) == "https://site.example/2024/story.html")
        #expect(CanonicalURL.canonicalize(link: nil, origLink: nil) == nil)
        #expect(CanonicalURL.canonicalize(link: "mailto:x@example.com", origLink: "ftp://x") == nil)
    }
}
