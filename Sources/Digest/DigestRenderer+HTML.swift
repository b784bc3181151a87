extension DigestRenderer {
    /// Renders `digest` as one self-contained HTML page for phones, desktops and print.
    ///
    /// The page loads nothing: inline styles only, no scripts, no fonts, a Content-Security-Policy that forbids
    /// everything else, and images (http(s) only, lazily loaded) only when the digest keeps images. Links to
    /// articles open with `rel="noopener noreferrer"`; the header's contents and health line link to sections of
    /// the page itself, by ids made from numbers (never from feed-supplied text).
    public static func html(_ digest: DigestDocument) -> String {
        var out = DigestOutput(capacity: estimatedSize(digest))
        out.append(
            """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; \
            img-src https: http:">
            <meta name="referrer" content="no-referrer">
            <title>
            """)
        out.appendHTML(digest.title)
        out.append("</title>\n<style>\n")
        out.append(stylesheet)
        out.append("</style>\n</head>\n<body>\n<header>\n<h1>")
        out.appendHTML(digest.title)
        out.append("</h1>\n<p class=\"period\">")
        out.appendHTML(digest.periodText)
        out.append("</p>\n")
        // What follows, before any of it: the contents (each group a link to it), feed health in a line (linking
        // to the details at the end), and what was left out.
        if !digest.isEmpty {
            appendContents(digest, to: &out)
        }
        if let lead = digest.healthSummary.lead {
            out.append("<p class=\"health-line\">")
            out.appendHTML(lead)
            if digest.healthSummary.hasProblems {
                out.append(" — <a href=\"#health\">")
                out.appendHTML(DigestHealthSummary.detailsText)
                out.append("</a>")
            }
            out.append("</p>\n")
        }
        if let leftOut = digest.leftOutText {
            out.append("<p class=\"left-out\">")
            out.appendHTML(leftOut)
            out.append("</p>\n")
        }
        out.append("</header>\n<main>\n")

        if digest.isEmpty {
            out.append("<p class=\"empty\">")
            out.appendHTML(digest.nothingNewText)
            out.append("</p>\n")
        }
        for (index, group) in digest.groups.enumerated() {
            let id = group.heading == nil ? "" : " id=\"\(groupID(index))\""
            out.append("<section class=\"group\"\(id)>\n")
            if let heading = group.heading {
                out.append("<h2>")
                out.appendHTML(heading)
                out.append("</h2>\n")
            }
            for feed in group.feeds {
                appendFeed(feed, images: digest.images, headingLevel: group.heading == nil ? 2 : 3, to: &out)
            }
            out.append("</section>\n")
        }
        out.append("</main>\n")

        if !digest.health.isEmpty {
            out.append("<section class=\"health\" id=\"health\">\n<h2>Feed health</h2>\n<ul>\n")
            for note in digest.health {
                out.append("<li><strong>")
                out.appendHTML(note.feedTitle)
                out.append("</strong>: ")
                out.appendHTML(note.text)
                out.append("<br><span class=\"url\">")
                out.appendHTML(note.url)
                out.append("</span></li>\n")
            }
            out.append("</ul>\n</section>\n")
        }
        out.append("<footer>Generated ")
        out.appendHTML(digest.generatedText)
        out.append(" by feedd.</footer>\n</body>\n</html>\n")
        return out.string
    }

    /// The id of the group at `index`: made from the index, since tags are feed-supplied text.
    private static func groupID(_ index: Int) -> String { "group-\(index + 1)" }

    /// "14 stories: News 8 · Tech 5", each group a link to its section; "14 stories from 8 feeds" without tags.
    private static func appendContents(_ digest: DigestDocument, to out: inout DigestOutput) {
        out.append("<p class=\"contents\">")
        guard digest.groups.contains(where: { $0.heading != nil }) else {
            out.appendHTML(digest.contentsText)
            out.append("</p>\n")
            return
        }
        out.appendHTML(DigestDocument.count(digest.storyCount, "story", "stories"))
        out.append(":")
        var first = true
        for (index, group) in digest.groups.enumerated() {
            guard let heading = group.heading else { continue }
            out.append(first ? " " : " · ")
            first = false
            out.append("<a href=\"#\(groupID(index))\">")
            out.appendHTML("\(heading) \(group.storyCount)")
            out.append("</a>")
        }
        out.append("</p>\n")
    }

    private static func appendFeed(
        _ feed: DigestFeedSection, images: Bool, headingLevel: Int, to out: inout DigestOutput
    ) {
        let feedHeading = headingLevel == 2 ? "h2" : "h3"
        let entryHeading = headingLevel == 2 ? "h3" : "h4"
        out.append("<section class=\"feed\">\n<\(feedHeading)>")
        out.appendHTML(feed.feedTitle)
        out.append("</\(feedHeading)>\n")
        for entry in feed.entries {
            out.append("<article>\n<\(entryHeading)>")
            if let url = WebURL.checked(entry.url) {
                out.append("<a href=\"")
                out.appendHTML(url)
                out.append("\" rel=\"noopener noreferrer\">")
                out.appendHTML(entry.title)
                out.append("</a>")
            } else {
                out.appendHTML(entry.title)
            }
            out.append("</\(entryHeading)>\n<p class=\"meta\">")
            out.appendHTML(entry.dateText)
            out.append("</p>\n")
            if images, let image = WebURL.checked(entry.imageURL) {
                out.append("<img loading=\"lazy\" src=\"")
                out.appendHTML(image)
                out.append("\" alt=\"\">\n")
            }
            if !entry.summary.isEmpty {
                out.append("<p>")
                out.appendHTML(entry.summary)
                out.append("</p>\n")
            }
            if let alsoIn = entry.alsoInText {
                out.append("<p class=\"also\">")
                out.appendHTML(alsoIn)
                out.append("</p>\n")
            }
            out.append("</article>\n")
        }
        if let more = feed.moreText {
            out.append("<p class=\"more\">")
            out.appendHTML(more)
            out.append("</p>\n")
        }
        out.append("</section>\n")
    }

    /// Readable on a phone and a desktop, dark when the reader prefers it, plain on paper.
    private static let stylesheet = """
        :root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fdfdfc; --muted: #5f6368; --link: #0b57d0; \
        --rule: #dadce0; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e8eaed; --bg: #17181a; --muted: #a0a4a8; --link: #8ab4f8; --rule: #3c4043; }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0 auto; padding: 1rem; max-width: 42rem; color: var(--fg); background: var(--bg);
          font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          overflow-wrap: anywhere; }
        h1 { font-size: 1.5rem; line-height: 1.25; margin: 0.5rem 0; }
        h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--rule); }
        h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
        article h3, article h4 { font-size: 1rem; margin: 1rem 0 0.125rem; }
        p { margin: 0.25rem 0; }
        a { color: var(--link); text-decoration: none; }
        a:hover, a:focus { text-decoration: underline; }
        img { display: block; max-width: 100%; height: auto; margin: 0.5rem 0; border-radius: 4px; }
        .period, .meta, .also, .more, .url, .left-out, footer { color: var(--muted); font-size: 0.875rem; }
        .contents, .health-line { margin: 0.5rem 0; }
        .more { font-style: italic; }
        .empty { margin: 2rem 0; }
        .health ul { padding-left: 1.25rem; }
        .health li { margin: 0.5rem 0; }
        footer { margin: 2rem 0 1rem; }
        @media print {
          :root { --fg: #000; --bg: #fff; --muted: #444; --link: #000; }
          body { max-width: none; padding: 0; font-size: 11pt; }
          img { display: none; }
          article { break-inside: avoid; }
          h2, h3, h4 { break-after: avoid; }
          a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.8em; color: var(--muted); }
        }

        """
}
