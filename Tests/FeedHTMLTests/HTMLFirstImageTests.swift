import Testing

@testable import FeedHTML

@Suite struct HTMLFirstImageTests {
    @Test(
        arguments: [
            // The sanitizer's own spelling.
            (#"<p>x</p><img src="https://a.example/1.png" loading="lazy">"#, "https://a.example/1.png"),
            (#"<img src="https://a.example/?a=1&amp;b=&quot;2&quot;">"#, #"https://a.example/?a=1&b="2""#),
            // Any other spelling of the same markup.
            (#"<IMG ALT='x' SRC='http://a.example/2.png'>"#, "http://a.example/2.png"),
            ("<img src=https://a.example/3.png alt=x>", "https://a.example/3.png"),
            (#"<img data-src="https://a.example/lazy.png" src="https://a.example/4.png">"#, "https://a.example/4.png"),
            // The first image that has a web URL wins; others are skipped.
            (#"<img src="data:image/png;base64,AAAA"><img src="https://a.example/5.png">"#, "https://a.example/5.png"),
            (#"<img alt="no source"><img src="https://a.example/6.png">"#, "https://a.example/6.png"),
            // Markup that only looks like an image.
            (#"<!-- <img src="https://a.example/comment.png"> --><p>text</p>"#, nil),
            (#"<script>var s = '<img src="https://a.example/script.png">'</script>"#, nil),
            (#"<p title="<img src='https://a.example/attr.png'>">x</p>"#, nil),
            ("<imgx src=\"https://a.example/7.png\">", nil),
            ("a < b and no images", nil),
            ("", nil),
        ] as [(String, String?)])
    func firstWebImage(html: String, expected: String?) {
        #expect(HTMLFirstImage.source(in: html) == expected)
    }
}
