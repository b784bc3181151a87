import Testing

@testable import FeedHTML

@Suite struct HTMLContentBlockerTests {
    static func bytes<T>(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Array(string.utf8).withUnsafeBufferPointer(body)
    }

    @Test(arguments: [
        ("sharedaddy", true), ("x sharedaddy y", true), ("addtoany_share_save_container", true),
        ("ssba-wrap", true), ("SHAREDADDY", true), ("sharing", true), ("a\tsharing\n", true),
        ("sharing-economy", false), ("share-price", false), ("sharedaddyx", false), ("essbase", false),
        ("post-sharing", false), ("social", false), ("", false), ("   ", false), ("share", false),
    ])
    func widgetMarkers(_ value: String, _ isWidget: Bool) {
        #expect(Self.bytes(value, HTMLContentBlocker.isWidgetMarker) == isWidget)
    }

    @Test(arguments: [
        ("0", true), ("1", true), ("01", true), ("1px", true), ("1PX", true), (" 1 ", true), ("1.0", true),
        ("0.5", true), ("2", false), ("10", false), ("1.5", false), ("", false), ("px", false), ("1 px", false),
        ("1%", false), ("-1", false), ("100000000000000000000", false),
    ])
    func onePixelSizes(_ value: String, _ isTiny: Bool) {
        #expect(Self.bytes(value, HTMLContentBlocker.isAtMostOnePixel) == isTiny)
    }

    @Test(arguments: [
        ("https://stats.wordpress.com/g.gif", true), ("https://user:pw@stats.wordpress.com:8080/g.gif", true),
        ("https://stats.wordpress.com./g.gif", true), ("https:\\\\stats.wordpress.com\\g.gif", true),
        ("https://wordpress.com/g.gif", false), ("mailto:stats.wordpress.com", false),
        ("https://stats.wordpress.com.evil.example/", false), ("https://", false),
    ])
    func trackerHosts(_ url: String, _ isTracker: Bool) {
        #expect(Self.bytes(url, HTMLContentBlocker.isTrackerImage) == isTracker)
    }

    @Test(arguments: [
        ("https://twitter.com/share", true), ("https://twitter.com/share.php", true),
        ("https://twitter.com/share/x", true), ("https://twitter.com/share?u=1", true),
        ("https://twitter.com/shareholder", false), ("https://twitter.com/SHARE", true),
        ("https://mobile.twitter.com/intent/tweet", true), ("https://nottwitter.com/share", false),
    ])
    func linkPathPrefixesEndAtABoundary(_ url: String, _ isBlocked: Bool) {
        #expect(Self.bytes(url, HTMLContentBlocker.isBlockedLink) == isBlocked)
    }
}
