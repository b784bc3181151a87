import Testing

@testable import FeedHTML

/// What the sanitizer removes beyond unsafe markup: presentational and scripting attributes, tracking pixels,
/// FeedBurner flare, share links and share widgets; and how it emits images. Each case goes through both readers.
@Suite struct HTMLSanitizerClutterTests {
    static let base = "https://example.com/blog/post/"

    static let attributes: [SanitizerCase] = [
        SanitizerCase(
            "<p style=\"color:red\" class=\"lead\" id=\"intro\" onclick=\"x()\" onmouseover=\"y()\" data-x=\"1\">t</p>",
            "<p>t</p>"),
        SanitizerCase(
            "<a href=\"https://ok.example/\" style=\"x\" class=\"c\" id=\"i\" onclick=\"x\" target=\"_blank\">l</a>",
            "<a href=\"https://ok.example/\">l</a>"),
        SanitizerCase(
            "<img src=\"/a.png\" style=\"x\" class=\"wp-image-5 aligncenter\" id=\"i\" onerror=\"x\" onload=\"y\" "
                + "decoding=\"async\" loading=\"eager\" fetchpriority=\"high\" alt=\"A\">",
            "<img src=\"https://example.com/a.png\" alt=\"A\" loading=\"lazy\">"),
        SanitizerCase(
            "<IMG SRC=\"/a.png\" LOADING=\"EAGER\" DECODING=\"sync\"/>",
            "<img src=\"https://example.com/a.png\" loading=\"lazy\">"),
        SanitizerCase(
            "<p>a<img src=\"/a.png\" width=\"640\" height=\"480\">b</p>",
            "<p>a<img src=\"https://example.com/a.png\" width=\"640\" height=\"480\" loading=\"lazy\">b</p>"),
        SanitizerCase(
            "<img src=\"/a.png\" loading=\"lazy\">", "<img src=\"https://example.com/a.png\" loading=\"lazy\">"),
        SanitizerCase("<div style=\"display:none\" hidden>x</div>", "<div>x</div>"),
    ]

    @Test(arguments: attributes)
    func styleClassIdAndHandlersAreDroppedAndImagesLoadLazily(_ testCase: SanitizerCase) {
        testCase.check(base: Self.base)
    }

    static func pixel(_ width: String, _ height: String) -> String {
        "<p>a<img src=\"https://t.example/p.gif\" width=\"\(width)\" height=\"\(height)\" alt=\"\">b</p>"
    }

    static func kept(_ width: String, _ height: String) -> String {
        "<p>a<img src=\"https://t.example/p.gif\" width=\"\(width)\" height=\"\(height)\" alt=\"\" "
            + "loading=\"lazy\">b</p>"
    }

    static let pixels: [SanitizerCase] = [
        SanitizerCase(pixel("1", "1"), "<p>ab</p>"),
        SanitizerCase(pixel("1px", "1px"), "<p>ab</p>"),
        SanitizerCase(pixel("0", "0"), "<p>ab</p>"),
        SanitizerCase(pixel(" 1 ", "1.0"), "<p>ab</p>"),
        SanitizerCase(pixel("1PX", "0"), "<p>ab</p>"),
        SanitizerCase("<img height=\"1\" width=\"1\" src=\"https://t.example/p.gif\"/>", ""),
        SanitizerCase(pixel("1", "100"), kept("1", "100")),
        SanitizerCase(pixel("10", "1"), kept("10", "1")),
        SanitizerCase(pixel("1.5", "1"), kept("1.5", "1")),
        SanitizerCase(pixel("100%", "1"), kept("100%", "1")),
        SanitizerCase(pixel("1em", "1"), kept("1em", "1")),
        SanitizerCase(
            "<img src=\"https://t.example/p.gif\" width=\"1\">",
            "<img src=\"https://t.example/p.gif\" width=\"1\" loading=\"lazy\">"),
    ]

    @Test(arguments: pixels)
    func imagesOfOnePixelAreRemoved(_ testCase: SanitizerCase) {
        testCase.check(base: Self.base)
    }

    static let trackerURLs: [String] = [
        "http://feeds.feedburner.com/~r/ExampleBlog/~4/abc123",
        "http://feeds.feedburner.com/~ff/ExampleBlog?d=yIl2AUoC8zA",
        "HTTP://FEEDS.FEEDBURNER.COM/~r/ExampleBlog/~4/abc123",
        "http://feedproxy.google.com/~r/ExampleBlog/~4/abc123",
        "https://pixel.wp.com/b.gif?host=example.com&amp;blog=1",
        "https://pixel.wp.com:443/g.gif",
        "//stats.wordpress.com/b.gif?x=1",
        "https://www.google-analytics.com/collect?v=1&amp;tid=UA-1",
        "https://ssl.google-analytics.com/__utm.gif",
        "https://pixel.quantserve.com/pixel/p-abc.gif",
        "https://pixel.mathtag.com/event/img?mt_id=1",
        "https://ad.doubleclick.net/ddm/ad/x",
        "https://googleads.g.doubleclick.net/pagead/viewthroughconversion/1/",
        "http://pi.feedsportal.com/r/180265318017/u/49/f/654/c/1/s/2/a2.img",
        "http://rss.feedsportal.com/c/1/f/2/s/3/kg/1/a2t.img",
        "http://feeds.wordpress.com/1.0/comments/blog.wordpress.com/123/",
        "https://assets.feedblitz.com/i/fblike20.png",
        "https://www.feedblitz.com/i/x.png",
        "https://feeds.feedblitz.com/~/i/123456/0/exampleblog",
        "https://a.fsdn.com/sd/twitter_icon_large.png",
        "https://pixel.facebook.com/x",
        "https://www.facebook.com/tr?id=1&amp;ev=PageView",
        "https://www.facebook.com/tr/",
        "http://mf.feeds.reuters.com/c/rbc/x.gif",
        "https://ir-na.amazon-adsystem.com/e/ir?t=x",
    ]

    @Test(arguments: trackerURLs)
    func imagesFromTrackersAreRemoved(_ url: String) {
        SanitizerCase("<p>a<img src=\"\(url)\" width=\"600\" height=\"400\">b</p>", "<p>ab</p>").check(base: Self.base)
    }

    static let ordinaryImageURLs: [String] = [
        "https://i0.wp.com/example.com/x.jpg",
        "https://mypixel.wp.com/x.png",
        "https://pixel.wp.com.example.org/x.png",
        "https://pixel.wp.com@example.org/x.png",
        "https://www.facebook.com/trending.png",
        "https://example.com/feeds.feedburner.com/~r/x",
        "https://feeds.feedburner.com/ExampleBlog/logo.png",
        "https://upload.wikimedia.org/wikipedia/commons/a/ab/x.png",
    ]

    @Test(arguments: ordinaryImageURLs)
    func otherImagesStay(_ url: String) {
        SanitizerCase(
            "<img src=\"\(url)\">", "<img src=\"\(url)\" loading=\"lazy\">"
        ).check(base: Self.base)
    }

    static let links: [SanitizerCase] = [
        // FeedBurner flare and feed ads go with what they wrap.
        SanitizerCase(
            "<p>Read <a href=\"http://feeds.feedburner.com/~ff/Blog?a=x:y\"><img src=\"http://feeds.feedburner.com/"
                + "~ff/Blog?d=x\" border=\"0\"></a> more</p>", "<p>Read  more</p>"),
        SanitizerCase("<p><a href=\"http://feeds.feedburner.com/~a/Blog?a=x\">Ad <b>text</b></a></p>", "<p></p>"),
        SanitizerCase(
            "<a href=\"http://feeds.wordpress.com/1.0/gocomments/blog.wordpress.com/1/\"><img alt=\"\" "
                + "src=\"http://feeds.wordpress.com/1.0/comments/blog.wordpress.com/1/\"></a>ok", "ok"),
        // Share endpoints.
        SanitizerCase("<a href=\"https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fx\">Share</a>ok", "ok"),
        SanitizerCase("<a href=\"https://www.facebook.com/sharer.php?u=x\">Share</a>ok", "ok"),
        SanitizerCase("<a href=\"https://twitter.com/intent/tweet?text=x&amp;url=y\">Tweet</a>ok", "ok"),
        SanitizerCase("<a href=\"https://twitter.com/share?url=x\">Tweet</a>ok", "ok"),
        SanitizerCase("<a href=\"https://x.com/intent/post?text=x\">Post</a>ok", "ok"),
        SanitizerCase("<a href=\"https://www.linkedin.com/shareArticle?mini=true&amp;url=x\">In</a>ok", "ok"),
        SanitizerCase("<a href=\"https://www.linkedin.com/sharing/share-offsite/?url=x\">In</a>ok", "ok"),
        SanitizerCase("<a href=\"https://pinterest.com/pin/create/button/?url=x\"><img src=\"/pin.png\"></a>ok", "ok"),
        SanitizerCase("<a href=\"https://www.reddit.com/submit?url=x\">Reddit</a>ok", "ok"),
        SanitizerCase("<a href=\"https://api.whatsapp.com/send?text=x\">WhatsApp</a>ok", "ok"),
        SanitizerCase("<a href=\"https://t.me/share/url?url=x\">Telegram</a>ok", "ok"),
        // Ordinary links to the same sites, and the feed itself, stay.
        SanitizerCase(
            "<a href=\"https://twitter.com/someone\">@someone</a>",
            "<a href=\"https://twitter.com/someone\">@someone</a>"),
        SanitizerCase(
            "<a href=\"https://x.com/shareholder\">x</a>", "<a href=\"https://x.com/shareholder\">x</a>"),
        SanitizerCase(
            "<a href=\"https://www.reddit.com/r/swift/\">r</a>", "<a href=\"https://www.reddit.com/r/swift/\">r</a>"),
        SanitizerCase(
            "<a href=\"https://www.facebook.com/ExamplePage\">f</a>",
            "<a href=\"https://www.facebook.com/ExamplePage\">f</a>"),
        SanitizerCase("<a href=\"/share/\">s</a>", "<a href=\"https://example.com/share/\">s</a>"),
        SanitizerCase(
            "<a href=\"http://feeds.feedburner.com/ExampleBlog\">Subscribe</a>",
            "<a href=\"http://feeds.feedburner.com/ExampleBlog\">Subscribe</a>"),
        // A mailto link is the reader's own action and tracks nobody: it stays, share text and all.
        SanitizerCase(
            "<a href=\"mailto:?subject=Look&amp;body=https://example.com/p\">Mail</a>",
            "<a href=\"mailto:?subject=Look&amp;body=https://example.com/p\">Mail</a>"),
    ]

    @Test(arguments: links)
    func flareAndShareLinksGoWithTheirContent(_ testCase: SanitizerCase) {
        testCase.check(base: Self.base)
    }

    static let widgets: [SanitizerCase] = [
        SanitizerCase(
            "<div class=\"sharedaddy sd-sharing-enabled\"><div class=\"robots-nocontent sd-block sd-social\">"
                + "<h3 class=\"sd-title\">Share this:</h3><ul><li><a href=\"https://example.com/?share=twitter\">"
                + "Twitter</a></li></ul></div></div><p>after</p>", "<p>after</p>"),
        SanitizerCase(
            "<div id=\"jp-relatedposts\" class=\"jp-relatedposts\"><h3>Related</h3></div>ok", "ok"),
        SanitizerCase("<div class=\"addtoany_share_save_container addtoany_content\"><a>x</a></div>ok", "ok"),
        SanitizerCase("<div class=\"a2a_kit a2a_kit_size_32 a2a_default_style\">x</div>ok", "ok"),
        SanitizerCase("<ul class=\"wp-block-social-links is-style-logos-only\"><li>x</li></ul>ok", "ok"),
        SanitizerCase("<div class=\"shareaholic-canvas\" data-app=\"share_buttons\">x</div>ok", "ok"),
        SanitizerCase("<div class=\"ssba ssba-wrap\">x</div>ok", "ok"),
        SanitizerCase("<div class=\"heateor_sss_sharing_container\">x</div>ok", "ok"),
        SanitizerCase("<p>a <span class=\"share-buttons\">x</span>b</p>", "<p>a b</p>"),
        SanitizerCase("<div class=\"social-share\">x</div>ok", "ok"),
        SanitizerCase("<div class=\"post sharing\">x</div>ok", "ok"),
        SanitizerCase("<div class=\"sociable\">x</div>ok", "ok"),
        SanitizerCase("<div class=\"feedflare\"><a href=\"/x\">x</a></div>ok", "ok"),
        SanitizerCase("<section class=\"SOCIAL-SHARE\">x</section>ok", "ok"),
        SanitizerCase("<div\tclass=\"\nsharedaddy\n\">x</div>ok", "ok"),
        // An element the allowlist does not know is judged the same way before it is unwrapped.
        SanitizerCase("<nav class=\"social-sharing\"><a href=\"/x\">x</a></nav>ok", "ok", fastPathTakes: false),
        SanitizerCase("<font class=\"sharing\">x</font>ok", "ok", fastPathTakes: false),
        // A void element has no content to lose.
        SanitizerCase("<p>a<img src=\"/share.png\" class=\"share-button\">b</p>", "<p>ab</p>"),
        // Words that merely contain a widget name stay.
        SanitizerCase(
            "<table><tr><td class=\"share-price\">12.50</td></tr></table>", "<table><tr><td>12.50</td></tr></table>"),
        SanitizerCase("<div class=\"shared-folder\">x</div>", "<div>x</div>"),
        SanitizerCase("<h2 id=\"sharing-economy\">The sharing economy</h2>", "<h2>The sharing economy</h2>"),
        SanitizerCase("<div class=\"post-sharing-notes social\">x</div>", "<div>x</div>"),
        SanitizerCase("<div class=\"marketshare essbase sharingan\">x</div>", "<div>x</div>"),
        SanitizerCase("<p title=\"sharedaddy\">x</p>", "<p title=\"sharedaddy\">x</p>"),
        // The document's own elements are never taken for a widget.
        SanitizerCase("<body class=\"sharing\"><p>x</p></body>", "<p>x</p>", fastPathTakes: false),
    ]

    @Test(arguments: widgets)
    func shareWidgetsGoWithTheirContent(_ testCase: SanitizerCase) {
        testCase.check(base: Self.base)
    }

    @Test func aWordPressPostLosesItsClutterAndKeepsItsText() {
        let input = """
            <p>First <a href="/2024/01/other/">paragraph</a>.</p>
            <figure class="wp-block-image size-large"><img decoding="async" loading="lazy" width="1024" \
            height="683" src="https://example.com/wp-content/uploads/pic.jpg" class="wp-image-12" \
            srcset="https://example.com/wp-content/uploads/pic.jpg 1024w, \
            https://example.com/wp-content/uploads/pic-300x200.jpg 300w" sizes="(max-width: 1024px) 100vw, 1024px">\
            <figcaption class="wp-element-caption">Caption</figcaption></figure>
            <div class="sharedaddy sd-sharing-enabled"><div class="sd-block sd-social"><h3>Share this:</h3>\
            <a href="https://twitter.com/intent/tweet?url=x">Twitter</a></div></div>\
            <img src="https://pixel.wp.com/b.gif?host=example.com" alt="" width="1" height="1">
            """
        let expected = """
            <p>First <a href="https://example.com/2024/01/other/">paragraph</a>.</p>
            <figure><img width="1024" height="683" src="https://example.com/wp-content/uploads/pic.jpg" \
            srcset="https://example.com/wp-content/uploads/pic.jpg 1024w, \
            https://example.com/wp-content/uploads/pic-300x200.jpg 300w" sizes="(max-width: 1024px) 100vw, 1024px" \
            loading="lazy"><figcaption>Caption</figcaption></figure>

            """
        SanitizerCase(input, expected).check(base: Self.base)
    }

    @Test(arguments: attributes.map(\.input) + pixels.map(\.input) + links.map(\.input) + widgets.map(\.input))
    func isIdempotent(_ input: String) {
        let once = HTMLSanitizer.sanitize(input, baseURL: Self.base)
        #expect(HTMLSanitizer.sanitize(once, baseURL: Self.base) == once)
    }
}
