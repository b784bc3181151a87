import Testing

@testable import FeedHTML

@Suite struct HTMLAnchorsTests {
    typealias Anchor = HTMLAnchors.Anchor

    @Test(
        arguments: [
            (
                #"submitted by /u/x <a href="https://pub.example/a">[link]</a> <a href="https://r.example/c">[comments]</a>"#,
                [
                    Anchor(href: "https://pub.example/a", text: "[link]"),
                    Anchor(href: "https://r.example/c", text: "[comments]"),
                ]
            ),
            (
                #"<A HREF='https://pub.example/?a=1&amp;b=2'>Big <b>news</b></A>&nbsp;<font>Pub</font>"#,
                [Anchor(href: "https://pub.example/?a=1&b=2", text: "Big news")]
            ),
            // An anchor left open ends at the next one, or at the end.
            (
                #"<a href="/one">one<a href="/two">two"#,
                [Anchor(href: "/one", text: "one"), Anchor(href: "/two", text: "two")]
            ),
            // No links in comments or scripts; an anchor without href is none.
            (#"<!-- <a href="/x">x</a> --><script>"<a href='/y'>"</script><a name="top">top</a>"#, []),
        ] as [(String, [Anchor])])
    func anchorsInOrder(html: String, expected: [Anchor]) {
        #expect(HTMLAnchors.anchors(in: html) == expected)
    }

    @Test func theLimitHolds() {
        let html = String(repeating: #"<a href="/x">x</a>"#, count: 100)
        #expect(HTMLAnchors.anchors(in: html, limit: 5).count == 5)
    }
}
