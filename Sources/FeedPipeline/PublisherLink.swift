import FeedHTML
import FeedModel

/// The article an item stands for when its own link is not the article: an aggregator's redirect or a link post's
/// discussion page. Read from the item alone, without fetching.
enum PublisherLink {
    /// The publisher's URL `entry` points at, or nil when its link is the article (or nothing says otherwise).
    ///
    /// - A link post ("submitted by /u/NAME [link] [comments]") links its story as "[link]" beside "[comments]".
    /// - An aggregator's item (Google News and its kind) links an opaque redirect and carries the publisher's
    ///   link in a short description and no content, as the headline: the first link, on another host than the item's, whose
    ///   text is the item's title, or the title less a " - Publisher" suffix. A post that merely opens with a
    ///   link ("Apple Vision Pro review: …" linking apple.com) is no aggregator's item.
    static func of(_ entry: Entry) -> String? {
        // Most items are neither, and say so without a scan of their markup.
        if let html = entry.content ?? entry.summary, HTMLBytes.find("[comments]", in: html.utf8.span, from: 0) != nil {
            let anchors = HTMLAnchors.anchors(in: html, limit: 16)
            if let linked = anchors.first(where: { $0.text == "[link]" }), isWeb(linked.href),
                anchors.contains(where: { $0.text == "[comments]" })
            {
                return linked.href
            }
        }
        guard entry.content == nil, let html = entry.summary, html.utf8.count <= maximumDescription,
            HTMLBytes.find("<a", in: html.utf8.span, from: 0) != nil, let title = entry.title, let link = entry.link,
            let itemHost = CanonicalURL.host(of: link)
        else { return nil }
        // The cheap tests first: most descriptions' first link is no headline on another host.
        guard let first = HTMLAnchors.anchors(in: html, limit: 1).first, isWeb(first.href),
            isHeadline(first.text, of: title), CanonicalURL.host(of: first.href) != itemHost,
            HTMLPlainText.text(fromMarkup: html).split(separator: " ").count <= 60
        else { return nil }
        return first.href
    }

    /// An aggregator's description is a headline, a source and perhaps a few related links.
    static let maximumDescription = 4096

    /// True when `text` is `title`, or `title` is `text` followed by " - Publisher" (or "|", "–", "—") of at most
    /// five words.
    private static func isHeadline(_ text: String, of title: String) -> Bool {
        let headline = words(text)
        guard headline.count >= 3 else { return false }
        let full = words(title)
        if headline == full { return true }
        for separator in [" - ", " | ", " – ", " — "] {
            guard let range = title.range(of: separator, options: .backwards) else { continue }
            let publisher = words(String(title[range.upperBound...]))
            if words(String(title[..<range.lowerBound])) == headline && !publisher.isEmpty && publisher.count <= 5 {
                return true
            }
        }
        return false
    }

    private static func isWeb(_ url: String) -> Bool {
        url.hasPrefix("https://") || url.hasPrefix("http://")
    }

    /// Lower-cased words, for comparing a title with a headline link.
    private static func words(_ text: String) -> [Substring] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    }
}
