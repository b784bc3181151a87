import FeedHTML
import FeedModel

/// The article an item stands for when its own link is not the article: an aggregator's redirect or a link post's
/// discussion page. Read from the item alone, without fetching.
enum PublisherLink {
    /// The publisher's URL `entry` points at, or nil when its link is the article (or nothing says otherwise).
    ///
    /// - A link post ("submitted by /u/NAME [link] [comments]") links its story as "[link]".
    /// - An aggregator's item (Google News and its kind) links an opaque redirect and carries the publisher's
    ///   link in its description, as the headline: an anchor whose text is the item's title (which may add
    ///   " - Publisher"), on another host than the item's link.
    static func of(_ entry: Entry) -> String? {
        guard let html = entry.content ?? entry.summary, html.contains("<a") else { return nil }
        let anchors = HTMLAnchors.anchors(in: html, limit: 16)
        if let linked = anchors.first(where: { $0.text == "[link]" }), isWeb(linked.href) {
            return linked.href
        }
        guard let title = entry.title.map(words), !title.isEmpty, let link = entry.link, let itemHost = host(of: link)
        else { return nil }
        for anchor in anchors.prefix(3) where isWeb(anchor.href) && host(of: anchor.href) != itemHost {
            let text = words(anchor.text)
            guard text.count >= 3 else { continue }
            if title == text || (title.starts(with: text) && title.count - text.count <= 6) { return anchor.href }
        }
        return nil
    }

    private static func isWeb(_ url: String) -> Bool {
        url.hasPrefix("https://") || url.hasPrefix("http://")
    }

    /// The host of an http(s) URL, lower-cased.
    private static func host(of url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        return rest[..<end].lowercased()
    }

    /// Lower-cased words, for comparing a title with a headline link.
    private static func words(_ text: String) -> [Substring] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    }
}
