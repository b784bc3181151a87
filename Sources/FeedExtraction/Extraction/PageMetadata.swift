internal import CLibXML2
import FeedHTML

/// What a page says about itself beside its article: its title, its canonical address, and whether it is behind
/// a paywall.
///
/// Read in one walk of the whole tree by its own links (no recursion); the text searched for paywall notices is
/// capped at `textLimit` bytes.
struct PageMetadata {
    /// `og:title`, else `<title>`, as one line of plain text.
    var title: String?
    /// `<link rel="canonical">`, else `og:url`, resolved against the page; http(s) only.
    var canonicalURL: String?
    /// The page marks itself as for subscribers: a paywall element, `isAccessibleForFree: false`, or a notice
    /// such as "Subscribe to continue reading".
    var hasPaywallMarkers = false
    /// Every title the page gives, lower-cased with whitespace collapsed: the article's headline repeats one.
    var titles: [String] = []

    static let textLimit = 1 << 20

    init(page: HTMLPage) {
        guard let root = xmlDocGetRootElement(page.document) else { return }
        var titleElement: String?
        var openGraphTitle: String?
        var canonical: String?
        var openGraphURL: String?
        var text: [UInt8] = []
        var node: xmlNodePtr? = root
        while let current = node {
            var descend = true
            if current.isElement {
                let name = current.elementName
                switch name {
                case "title":
                    if titleElement == nil { titleElement = current.allText }
                    descend = false
                case "link":
                    if canonical == nil, Self.relations(of: current).contains("canonical") {
                        canonical = current.attribute("href")
                    }
                case "meta":
                    let property = (current.attribute("property") ?? current.attribute("name"))?.lowercased()
                    if property == "og:title", openGraphTitle == nil { openGraphTitle = current.attribute("content") }
                    if property == "og:url", openGraphURL == nil { openGraphURL = current.attribute("content") }
                    if current.attribute("itemprop")?.lowercased() == "isaccessibleforfree",
                        current.attribute("content")?.lowercased() == "false"
                    {
                        hasPaywallMarkers = true
                    }
                case "script":
                    if current.attribute("type")?.lowercased() == "application/ld+json",
                        Self.declaresNotFree(current.allText)
                    {
                        hasPaywallMarkers = true
                    }
                    descend = false
                case "style", "noscript", "template":
                    descend = false
                default:
                    break
                }
                if !hasPaywallMarkers,
                    Self.namesPaywall(current.attribute("class"))
                        || Self.namesPaywall(current.attribute("id"))
                {
                    hasPaywallMarkers = true
                }
            } else if current.isText, text.count < Self.textLimit, let content = current.pointee.content {
                text.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
                text.append(0x20)
            }
            node = current.next(below: root, descend: descend)
        }
        title = [openGraphTitle, titleElement].lazy.compactMap { $0.map(HTMLPlainText.text(fromMarkup:)) }
            .first { !$0.isEmpty }
        titles = [openGraphTitle, titleElement].compactMap {
            $0.map { HTMLPlainText.text(fromMarkup: $0).lowercased() }
        }.filter { !$0.isEmpty }
        canonicalURL = [canonical, openGraphURL].lazy.compactMap { Self.absoluteWebURL($0, page: page.url) }.first
        if !hasPaywallMarkers {
            hasPaywallMarkers = PaywallNotices.appear(in: text)
        }
    }

    /// The `rel` tokens of a link, lower-cased.
    private static func relations(of node: xmlNodePtr) -> [Substring] {
        (node.attribute("rel") ?? "").lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
    }

    /// `reference` resolved against the page, when it is an http(s) URL.
    private static func absoluteWebURL(_ reference: String?, page: String) -> String? {
        guard let reference = reference?.trimmingASCIIWhitespace(), !reference.isEmpty,
            let resolved = URLResolver.resolve(reference, against: page),
            let scheme = URLResolver.scheme(of: resolved), scheme == "http" || scheme == "https"
        else { return nil }
        return resolved
    }

    /// Whether a class or id names a paywall ("paywall", "regwall", "subscriber-only", "premium-gate").
    private static func namesPaywall(_ value: String?) -> Bool {
        guard let value = value?.lowercased(), !value.isEmpty else { return false }
        return ["paywall", "regwall", "subscriber-only", "subscribers-only", "premium-gate", "meter-wall"].contains {
            value.contains($0)
        }
    }

    /// Whether schema.org JSON-LD says `"isAccessibleForFree": false` (or `"False"`).
    static func declaresNotFree(_ json: String) -> Bool {
        let lowered = json.lowercased()
        var searchStart = lowered.startIndex
        while let range = lowered[searchStart...].firstRange(of: "isaccessibleforfree") {
            let rest = lowered[range.upperBound...].drop { $0 == "\"" || $0 == ":" || $0 == " " || $0 == "\n" }
            if rest.hasPrefix("false") { return true }
            searchStart = range.upperBound
        }
        return false
    }
}
