/// The parsers the fuzzer feeds, one per kind of hostile input feedd reads.
///
/// The raw value names the target's folder under `Fuzzing/Regressions` and in reports.
enum FuzzTarget: String, CaseIterable, Sendable {
    /// `FeedParser`: RSS, Atom and RDF through libxml2, and JSON Feed; its HTML fields are checked as sanitized.
    case feed
    /// The HTML sanitizer, reached as feeds reach it: the input is a JSON Feed item's `content_html`.
    case html
    /// `OPMLReader`, what `feedctl import` reads.
    case opml
    /// `FeedConfiguration.parse`, the TOML configuration.
    case config
    /// A web page as full text and `kind = "html"` read it: `HTMLPage`, `ContentExtractor` (auto and a CSS
    /// rule) and `HTMLPageFeed`; the extracted content and the items' summaries are checked as sanitized.
    case page

    /// Strings worth inserting into this target's inputs: syntax that switches a parser into another state.
    var dictionary: [String] {
        switch self {
        case .feed:
            return FuzzTarget.markupTokens + FuzzTarget.htmlTokens + [
                "<item>", "</item>", "<entry>", "<content type=\"html\">", "<content type=\"xhtml\">",
                "<description>", "<summary type=\"html\">", "<link href=\"", "<guid>", "<pubDate>",
                "<dc:date>", "\"content_html\": \"", "\"items\": [{",
                "\"version\": \"https://jsonfeed.org/version/1.1\"",
                "\\u0000", "\\ud800", "\\\"", "1e999", "-0", "null", "[[[[[[[[", "{\"a\":",
            ]
        case .html:
            return FuzzTarget.htmlTokens + ["&#x", "&#", "&amp;", "&lt;", "<!--", "-->", "<![CDATA[", "]]>"]
        case .page:
            return FuzzTarget.htmlTokens + [
                "<article>", "</article>", "<main>", "<div class=\"content\">", "<div class=\"comments\">",
                "<nav>", "<aside>", " itemprop=\"articleBody\"", "<link rel=\"canonical\" href=\"",
                "<meta property=\"og:url\" content=\"", "<h2>", "<time datetime=\"", "<div>", "</div>",
                "<div><div><div><div>", "<meta charset=\"", "class=\"paywall\"", "Subscribe to continue reading",
            ]
        case .opml:
            return FuzzTarget.markupTokens + [
                "<outline ", "</outline>", "<outline text=\"a\">", " xmlUrl=\"", " htmlUrl=\"", " type=\"rss\"",
                " title=\"", "<body>", "<head>", "<opml version=\"2.0\">",
            ]
        case .config:
            return [
                "[store]", "[fetch]", "[digest]", "[digest.mail]", "[log]", "[[feed]]", "url = \"", "interval = \"",
                "= \"\"\"", "\"\"\"", "= '''", "= [", "= {", "}", "]", "[[", "]]", "=", "\n", "\\u0000", "\\U0010FFFF",
                "1h30m", "0s", "99999999999999999999d", "-1", "1e999", "inf", "nan", "1979-05-27T07:32:00Z",
                "15MiB", "1GiB", "../", "/", "~", "keep_days = ", "time = \"", "true", "0x7fffffffffffffff",
                "a.b.c = 1", "\"\\", "#",
            ]
        }
    }

    /// XML syntax shared by the feed and OPML readers: entities, encodings, bases, sections.
    private static let markupTokens = [
        "<![CDATA[", "]]>", "&#x", "&#", "&amp;", "&lt;", "&undefined;", "<!ENTITY", "<!ENTITY a \"&b;&b;&b;&b;\">",
        "<!DOCTYPE x [", "]>", "<!ENTITY e SYSTEM \"file:///etc/passwd\">", "&e;", "<?xml version=\"1.0\" encoding=\"",
        "UTF-16", "ISO-8859-1", "windows-1252", "EBCDIC", "\u{FEFF}", "xml:base=\"", "xml:base=\"javascript:",
        "xmlns=\"", "xmlns:a=\"", "<a:b>", "<!--", "-->", "<?pi ?>", "\"", "'", ">", "<", "/>", "\u{0}",
    ]

    /// HTML that a sanitizer must defuse.
    private static let htmlTokens = [
        "javascript:", "JaVaScRiPt&colon;", "java\tscript:", "&#106;avascript:", "&#x6A;avascript:", "vbscript:",
        "data:text/html,", " href=\"", " src=\"", " srcset=\"", " poster=\"", " cite=\"", "<a href=\"",
        "<img src=x ", " onerror=", " onload=", " style=\"", "<script>", "</script>", "<style>", "<iframe src=",
        "<object data=", "<embed src=", "<svg><script>", "<math>", "<template>", "<noscript>", "<base href=",
        "<meta http-equiv=", "<link rel=", "<form action=", "<table>", "<p>", "</p>", "<li>", "<br>", "<video ",
        "<source ", "<picture>", "<a>", "</a>", "</", "<", "=\"", "'", "`", "\u{0}", "\u{2028}",
    ]

    /// The extension of the target's saved regression inputs, so an editor shows them sensibly.
    var fileExtension: String {
        switch self {
        case .feed: return "feed"
        case .html, .page: return "html"
        case .opml: return "opml"
        case .config: return "toml"
        }
    }
}
