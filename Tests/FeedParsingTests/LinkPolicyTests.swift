import Testing

@testable import FeedParsing

@Suite struct LinkPolicyTests {
    @Test(
        arguments: [
            ("https://a.example/x", "http://base.example/", false, "https://a.example/x"),
            ("HTTP://a.example/x", nil, false, "HTTP://a.example/x"),
            ("/posts/1", "https://base.example/feed", false, "https://base.example/posts/1"),
            ("http://a.example/with space", "http://b.example/", false, "http://a.example/with%20space"),
            ("javascript:alert(1)", "https://base.example/", false, nil),
            (" JAVASCRIPT:alert(1)", "https://base.example/", false, nil),
            ("jav\tascript:alert(1)", "https://base.example/", false, nil),
            ("java\nscript:alert(1)", "https://base.example/", false, nil),
            ("\u{1}javascript:alert(1)", "https://base.example/", false, nil),
            ("vbscript:msgbox(1)", "https://base.example/", false, nil),
            ("data:text/html,<script>alert(1)</script>", "https://base.example/", false, nil),
            ("file:///etc/passwd", "https://base.example/", false, nil),
            ("FILE:///etc/passwd", nil, false, nil),
            ("ftp://files.example/a.mp3", "https://base.example/", false, nil),
            ("http:///etc/passwd", nil, false, nil),
            ("http:relative", "https://base.example/", false, nil),
            // Relative references need a web base: a file's URL or another scheme is none.
            ("passwd", "file:///etc/", false, nil),
            ("/etc/passwd", "file:///home/me/feed.xml", false, nil),
            ("x", "javascript:alert(1)//", false, nil),
            ("relative", nil, false, nil),
            ("mailto:me@example.com", "https://base.example/", false, nil),
            ("mailto:me@example.com", "https://base.example/", true, "mailto:me@example.com"),
            ("MAILTO:me@example.com", nil, true, "MAILTO:me@example.com"),
            ("javascript:alert(1)", "https://base.example/", true, nil),
        ] as [(String, String?, Bool, String?)])
    func linkPolicyKeepsOnlyWebLinks(reference: String, base: String?, allowsMailto: Bool, expected: String?) {
        let verdict = LinkPolicy.check(reference, against: base, allowsMailto: allowsMailto)
        if let expected {
            #expect(verdict == .accepted(expected))
        } else {
            guard case .refused = verdict else {
                Issue.record("\(reference) against \(base ?? "no base"): \(verdict), expected a refusal")
                return
            }
        }
    }

    @Test func linkPolicyTellsBlankFromRefusedAndSaysWhy() {
        #expect(LinkPolicy.check("  ", against: "https://b.example/") == .blank)
        #expect(LinkPolicy.check("file:///etc/passwd", against: nil) == .refused(reason: "a file: URL"))
        #expect(LinkPolicy.check("jav\tascript:x", against: nil) == .refused(reason: "a javascript: URL"))
        #expect(
            LinkPolicy.check("a/b", against: "file:///x/")
                == .refused(reason: "a relative URL with no http or https base"))
        #expect(LinkPolicy.webBase("file:///x/feed.xml") == nil)
        #expect(LinkPolicy.webBase(" https://x.example/feed ") == "https://x.example/feed")
    }
}
