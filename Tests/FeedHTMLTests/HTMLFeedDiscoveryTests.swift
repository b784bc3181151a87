import Testing

@testable import FeedHTML

@Suite struct HTMLFeedDiscoveryTests {
    static let page = "https://blog.example.com/posts/index.html"

    static func feeds(_ html: String, base: String? = page) -> [DiscoveredFeed] {
        HTMLFeedDiscovery.feeds(inHTML: Array(html.utf8), baseURL: base)
    }

    @Test func findsTypicalFeedLinksInDocumentOrder() {
        let html = """
            <!DOCTYPE html>
            <html><head>
            <meta charset="utf-8"><title>Blog</title>
            <link rel="stylesheet" href="/style.css">
            <link rel="alternate" type="application/rss+xml" title="RSS  Feed" href="/feed.xml">
            <link rel="alternate" type="application/atom+xml" title="Atom" href="atom.xml">
            <link rel="alternate" type="application/feed+json" href="https://cdn.example.net/feed.json">
            <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
            <link rel="alternate" type="application/rss+xml" title="RSS again" href="https://blog.example.com/feed.xml">
            </head><body><p>Hi</p></body></html>
            """
        #expect(
            Self.feeds(html) == [
                DiscoveredFeed(
                    url: "https://blog.example.com/feed.xml", type: "application/rss+xml", title: "RSS Feed"),
                DiscoveredFeed(
                    url: "https://blog.example.com/posts/atom.xml", type: "application/atom+xml", title: "Atom"),
                DiscoveredFeed(url: "https://cdn.example.net/feed.json", type: "application/feed+json", title: nil),
            ])
    }

    /// One `<link>` per case and the URL and type expected from it (nil: not a feed).
    static let links: [(String, String?, String?)] = [
        (
            "<link rel=\"ALTERNATE\" type=\"Application/RSS+XML\" href=\"/a\">", "https://blog.example.com/a",
            "application/rss+xml"
        ),
        (
            "<link rel=\"alternate home\" type=\"application/atom+xml\" href=\"/b\">", "https://blog.example.com/b",
            "application/atom+xml"
        ),
        ("<LINK REL=alternate TYPE=application/rdf+xml HREF=/c>", "https://blog.example.com/c", "application/rdf+xml"),
        (
            "<link rel=\"alternate\" type=\"application/json\" href=\"/d.json\">", "https://blog.example.com/d.json",
            "application/json"
        ),
        (
            "<link rel=\"alternate\" type=\"application/rss+xml; charset=utf-8\" href=\"/e\">",
            "https://blog.example.com/e", "application/rss+xml"
        ),
        ("<link rel=\"feed\" href=\"/f\">", "https://blog.example.com/f", ""),
        (
            "<link rel=\"feed\" type=\"application/atom+xml\" href=\"/g\">", "https://blog.example.com/g",
            "application/atom+xml"
        ),
        ("<link rel=\"alternate\" href=\"/no-type\">", nil, nil),
        ("<link rel=\"alternate stylesheet\" type=\"text/css\" href=\"/h.css\">", nil, nil),
        ("<link rel=\"alternate\" type=\"application/rss+xml\">", nil, nil),
        ("<link rel=\"alternate\" type=\"application/rss+xml\" href=\"javascript:alert(1)\">", nil, nil),
        ("<link rel=\"alternates\" type=\"application/rss+xml\" href=\"/i\">", nil, nil),
        ("<link rel=\"feed\" type=\"text/html\" href=\"/j\">", nil, nil),
        (
            "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/k?a=1&amp;b=2\">",
            "https://blog.example.com/k?a=1&b=2", "application/rss+xml"
        ),
    ]

    @Test(arguments: links)
    func classifiesLink(_ link: String, _ url: String?, _ type: String?) {
        let found = Self.feeds("<html><head>\(link)</head><body></body></html>")
        if let url, let type {
            #expect(found.map(\.url) == [url])
            #expect(found.map(\.type) == [type])
        } else {
            #expect(found.isEmpty)
        }
    }

    @Test func honoursBaseElementAndBodyLinks() {
        let html = """
            <html><head><base href="https://static.example.org/site/">
            <link rel="alternate" type="application/rss+xml" href="rss.xml"></head>
            <body><link rel="alternate" type="application/atom+xml" href="/atom"></body></html>
            """
        #expect(
            Self.feeds(html).map(\.url) == [
                "https://static.example.org/site/rss.xml", "https://static.example.org/atom",
            ])
    }

    @Test func keepsRelativeURLsWithoutPageURL() {
        let html = "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed\">"
        #expect(Self.feeds(html, base: nil).map(\.url) == ["/feed"])
    }

    @Test func decodesTitlesAsUTF8OrDeclaredCharset() {
        let utf8 =
            "<html><head><link rel=alternate type=application/rss+xml title=\"Café Ελληνικά\" href=/a></head></html>"
        #expect(Self.feeds(utf8).first?.title == "Café Ελληνικά")
        var latin1 = Array(
            "<html><head><meta charset=\"iso-8859-1\"><link rel=alternate type=application/rss+xml title=\"Caf".utf8)
        latin1.append(0xE9)
        latin1 += Array("\" href=/a></head></html>".utf8)
        #expect(HTMLFeedDiscovery.feeds(inHTML: latin1, baseURL: Self.page).first?.title == "Café")
        let entities = "<link rel=alternate type=application/rss+xml title=\"Tom &amp; Jerry&#8217;s\" href=/a>"
        #expect(Self.feeds(entities).first?.title == "Tom & Jerry’s")
    }

    @Test func handlesEmptyAndNonHTMLInput() {
        #expect(Self.feeds("").isEmpty)
        #expect(Self.feeds("just text").isEmpty)
        #expect(Self.feeds("<?xml version=\"1.0\"?><rss><channel></channel></rss>").isEmpty)
    }

    static let sniffing: [(String, Bool)] = [
        ("<!DOCTYPE html><html>", true),
        ("<!doctype HTML>", true),
        ("\u{FEFF}  \n<html lang=\"en\">", true),
        ("<!-- generator --> <HEAD>", true),
        ("<body>", true),
        ("<html>", true),
        ("<?xml version=\"1.0\"?><rss>", false),
        ("<rss version=\"2.0\">", false),
        ("<feed xmlns=\"http://www.w3.org/2005/Atom\">", false),
        ("{\"version\": \"https://jsonfeed.org/version/1\"}", false),
        ("<htmlx>", false),
        ("<header>", false),
        ("<!-- unterminated", false),
        ("", false),
    ]

    @Test(arguments: sniffing)
    func sniffsHTML(_ text: String, _ expected: Bool) {
        #expect(HTMLFeedDiscovery.looksLikeHTML(Array(text.utf8)) == expected)
    }
}
