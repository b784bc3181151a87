import FeedModel
import Testing

@Suite struct FeedIdentityTests {
    /// A subscribed feed's URL and another spelling of it.
    struct Pair: Sendable, CustomTestStringConvertible {
        let subscribed: String
        let other: String
        var testDescription: String { "\(subscribed) ~ \(other)" }

        init(_ subscribed: String, _ other: String) {
            self.subscribed = subscribed
            self.other = other
        }
    }

    static let sameFeed: [Pair] = [
        Pair("https://git.example/commits.atom?ref=main&utm_source=x", "https://git.example/commits.atom?ref=main"),
        Pair("https://example.com/feed", "http://example.com/feed"),
        Pair("http://example.com/feed", "HTTPS://example.com/feed"),
        Pair("https://example.com/feed", "https://example.com/feed/"),
        Pair("https://example.com/feed/", "https://example.com/feed"),
        Pair("https://example.com/feed", "https://EXAMPLE.com/feed"),
        Pair("https://example.com/feed", "https://example.com:443/feed"),
        Pair("http://example.com/feed", "http://example.com:80/feed"),
        Pair("https://example.com/feed", "https://example.com/feed#latest"),
        Pair("https://example.com/feed", "https://example.com/feed?utm_source=newsletter&utm_medium=email"),
        Pair("https://example.com/feed?cat=3", "https://example.com/feed?fbclid=abc&cat=3"),
        Pair("https://example.com/feed?cat=3&lang=en", "https://example.com/feed?lang=en&cat=3"),
        Pair("https://example.com/feed?cat=3", "https://example.com/feed/?cat=3"),
        Pair("https://example.com", "https://example.com/"),
        Pair("https://example.com/", "http://example.com"),
        Pair("https://example.com/a%7Eb/feed", "https://example.com/a~b/feed"),
        Pair("https://example.com/feed", "  https://example.com/feed\n"),
        // Only ASCII letters of a host are folded: an internationalised name is kept as given.
        Pair("https://bücher.example/feed", "http://BüCHER.example/feed/"),
        Pair("file:///srv/feeds/local.xml", "file:///srv/feeds/local.xml"),
    ]

    static let otherFeeds: [Pair] = [
        Pair("https://example.com/feed?cat=3", "https://example.com/feed?cat=4"),
        // `ref` is a referrer marker in an article's link, but may select a feed: a branch's commits.
        Pair("https://git.example/project/commits.atom?ref=main", "https://git.example/project/commits.atom?ref=dev"),
        Pair("https://git.example/project/commits.atom?ref=main", "https://git.example/project/commits.atom"),
        Pair("https://example.com/feed?cat=3", "https://example.com/feed"),
        Pair("https://example.com/feed?format=atom", "https://example.com/feed?format=rss"),
        Pair("https://example.com/feed", "https://example.com/feeds"),
        Pair("https://example.com/news/feed", "https://example.com/sport/feed"),
        Pair("https://example.com/Feed", "https://example.com/feed"),
        Pair("https://example.com/feed", "https://www.example.com/feed"),
        Pair("https://example.com/feed", "https://example.com:8443/feed"),
        Pair("https://example.com/feed", "https://example.org/feed"),
        Pair("https://example.com/a/b", "https://example.com/a%2Fb"),
        Pair("https://example.com/feed?a=1&a=2", "https://example.com/feed?a=2&a=1"),
        Pair("file:///srv/feeds/a.xml", "file:///srv/feeds/b.xml"),
        // IDN as is: the Unicode and the punycode spelling of a host are not equated.
        Pair("https://bücher.example/feed", "https://xn--bcher-kva.example/feed"),
    ]

    @Test(arguments: sameFeed) func spellingsOfOneFeedHaveOneKey(_ pair: Pair) {
        #expect(FeedIdentity.key(pair.subscribed) == FeedIdentity.key(pair.other))
    }

    @Test(arguments: otherFeeds) func otherFeedsHaveOtherKeys(_ pair: Pair) {
        #expect(FeedIdentity.key(pair.subscribed) != FeedIdentity.key(pair.other))
    }

    @Test func theKeyIsSchemelessWithoutTrailingSlash() {
        let key = FeedIdentity.key("HTTPS://Example.COM:443/Feed/?b=2&utm_campaign=x&a=1#top")
        #expect(key == "example.com/Feed?a=1&b=2")
        #expect(FeedIdentity.key("http://example.com") == "example.com/")
        #expect(FeedIdentity.key("https://user@example.com/private.xml") == "user@example.com/private.xml")
    }
}
