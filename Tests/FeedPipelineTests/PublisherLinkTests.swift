import FeedModel
import Testing

@testable import FeedPipeline

@Suite struct PublisherLinkTests {
    static func entry(link: String, title: String, summary: String) -> Entry {
        var entry = Entry(id: link)
        entry.link = link
        entry.title = title
        entry.summary = summary
        return entry
    }

    @Test func aLinkPostIsItsLinkedStory() {
        let entry = Self.entry(
            link: "https://reddit.example/r/news/comments/abc/harbor", title: "Harbor plan approved",
            summary:
                #"submitted by /u/x <a href="https://pub.example/harbor">[link]</a> <a href="https://reddit.example/r/news/comments/abc">[comments]</a>"#
        )
        #expect(PublisherLink.of(entry) == "https://pub.example/harbor")
    }

    @Test func anAggregatorItemIsThePublishersHeadline() {
        let entry = Self.entry(
            link: "https://news.google.example/rss/articles/CBMiXYZ", title: "Harbor plan approved - Harbor Times",
            summary:
                #"<a href="https://harbortimes.example/harbor-plan">Harbor plan approved</a>&nbsp;<font>Harbor Times</font>"#
        )
        #expect(PublisherLink.of(entry) == "https://harbortimes.example/harbor-plan")
    }

    @Test(
        arguments: [
            // A link in the text on the item's own site, or one that is not the headline, is no redirect.
            (
                "https://harbortimes.example/plan", "Harbor plan approved",
                #"<p>See <a href="https://harbortimes.example/older">Harbor plan approved</a>.</p>"#
            ),
            (
                "https://harbortimes.example/plan", "Harbor plan approved",
                #"<p>The <a href="https://council.example/minutes">minutes</a> are online.</p>"#
            ),
            ("https://harbortimes.example/plan", "Harbor plan approved", "<p>No links at all.</p>"),
            // A post that opens with a link to what it reviews is not an aggregator's item.
            (
                "https://blog.example/vision-pro", "Apple Vision Pro review: two weeks later",
                #"<p>The <a href="https://apple.example/apple-vision-pro/">Apple Vision Pro</a> is heavy.</p>"#
            ),
            // "[link]" alone, without a link post's "[comments]".
            (
                "https://blog.example/links", "Links for Friday",
                #"<p>A story <a href="https://pub.example/x">[link]</a> worth reading.</p>"#
            ),
        ])
    func otherItemsKeepTheirLink(link: String, title: String, summary: String) {
        #expect(PublisherLink.of(Self.entry(link: link, title: title, summary: summary)) == nil)
    }
}
