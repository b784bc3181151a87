import Testing

@testable import FeedHTML

@Suite struct URLResolverTests {
    @Test(
        arguments: [
            ("https://a.example/x", "http://base.example/", "https://a.example/x"),
            ("  https://a.example/x  ", nil, "https://a.example/x"),
            ("/posts/1", "http://base.example/blog/feed.xml", "http://base.example/posts/1"),
            ("posts/1", "http://base.example/blog/feed.xml", "http://base.example/blog/posts/1"),
            ("../up", "http://base.example/a/b/", "http://base.example/a/up"),
            ("?page=2", "http://base.example/list?page=1", "http://base.example/list?page=2"),
            ("#top", "http://base.example/doc", "http://base.example/doc#top"),
            ("//cdn.example/i.png", "https://base.example/", "https://cdn.example/i.png"),
            ("http://a.example/./x/../y", nil, "http://a.example/./x/../y"),
            // An absolute reference is kept as written (browsers normalise dot segments themselves).
            ("http://a.example/./x/../y", "http://b.example/", "http://a.example/./x/../y"),
            ("http://a.example/with space", "http://b.example/", "http://a.example/with%20space"),
            ("/caf\u{e9}", "http://b.example/", "http://b.example/caf%C3%A9"),
            ("relative", nil, "relative"),
            ("", "http://b.example/x", "http://b.example/x"),
            ("mailto:someone@example.com", "http://b.example/", "mailto:someone@example.com"),
        ] as [(String, String?, String)])
    func resolves(reference: String, base: String?, expected: String) {
        #expect(URLResolver.resolve(reference, against: base) == expected)
    }

    @Test func schemes() {
        #expect(URLResolver.scheme(of: "HTTPS://x") == "https")
        #expect(URLResolver.scheme(of: "/path:with:colons") == nil)
        #expect(URLResolver.scheme(of: "1http://x") == nil)
        #expect(!URLResolver.hasScheme("relative/path"))
    }
}
