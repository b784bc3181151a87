internal import CLibXML2

/// Finds the feeds an HTML page links to, for subscribing by page URL.
///
/// Reads every `<link>` with `rel` containing `alternate` (and a feed media type) or `feed`, resolves its
/// `href` against the page's `<base href>` or URL, and returns them in document order without duplicates.
/// The page is decoded as UTF-8 unless it starts with a byte-order mark or declares another charset.
/// Safe to call from any thread.
public enum HTMLFeedDiscovery {
    /// Media types that mark an alternate link as a feed.
    static let feedTypes: Set<String> = [
        "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
        "application/rdf+xml",
    ]

    /// The feeds linked from the HTML page `bytes`, fetched from `baseURL`.
    public static func feeds(inHTML bytes: [UInt8], baseURL: String?) -> [DiscoveredFeed] {
        bytes.withUnsafeBufferPointer { feeds(inHTML: $0, baseURL: baseURL) }
    }

    /// The feeds linked from the HTML page `bytes`, fetched from `baseURL`.
    static func feeds(inHTML bytes: UnsafeBufferPointer<UInt8>, baseURL: String?) -> [DiscoveredFeed] {
        let collector = FeedLinkCollector(pageURL: baseURL)
        var handler = htmlSAXHandler()
        handler.startElement = { context, name, attributes in
            guard let context, let name else { return }
            Unmanaged<FeedLinkCollector>.fromOpaque(context).takeUnretainedValue().startElement(name, attributes)
        }
        let hasByteOrderMark = bytes.count >= 2 && (bytes[0] == 0xEF || bytes[0] == 0xFE || bytes[0] == 0xFF)
        withExtendedLifetime(collector) {
            _ = HTMLSAXDriver.parse(
                bytes, handler: handler, context: Unmanaged.passUnretained(collector).toOpaque(),
                options: HTMLSAXDriver.pageOptions, assumeUTF8: !hasByteOrderMark)
        }
        return collector.feeds
    }

    /// True when `bytes` start like an HTML document: after a byte-order mark, whitespace and comments
    /// comes `<!doctype html`, `<html`, `<head` or `<body` (any case).
    public static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { looksLikeHTML($0) }
    }

    /// True when `bytes` start like an HTML document; see `looksLikeHTML(_:)`.
    static func looksLikeHTML(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { index = 3 }
        func matches(_ literal: StaticString, at position: Int) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard position + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[position + offset] | 0x20 != literal.utf8Start[offset] | 0x20 {
                return false
            }
            return true
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                index += 1
                continue
            }
            if matches("<!--", at: index) {
                var cursor = index + 4
                while cursor + 3 <= bytes.count && !matches("-->", at: cursor) { cursor += 1 }
                guard cursor + 3 <= bytes.count else { return false }
                index = cursor + 3
                continue
            }
            break
        }
        for prefix: StaticString in ["<!doctype html", "<html", "<head", "<body"] where matches(prefix, at: index) {
            let end = index + prefix.utf8CodeUnitCount
            guard end < bytes.count else { return true }
            let next = bytes[end] | 0x20
            let continuesName =
                (next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z"))
                || (bytes[end] >= UInt8(ascii: "0") && bytes[end] <= UInt8(ascii: "9")) || bytes[end] == 0x2D
            if !continuesName { return true }
        }
        return false
    }
}

/// Collects feed links from one page's SAX events; one collector serves one parse on one thread.
private final class FeedLinkCollector {
    private let pageURL: String?
    private var base: String?
    private var sawBase = false
    private var seen: Set<String> = []
    private(set) var feeds: [DiscoveredFeed] = []

    init(pageURL: String?) {
        self.pageURL = pageURL
        self.base = pageURL
    }

    func startElement(_ name: UnsafePointer<UInt8>, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        guard let key = HTMLNameKey(cString: name) else { return }
        if key == HTMLNameKey("link") {
            link(attributes)
        } else if key == HTMLNameKey("base"), !sawBase {
            // Only the first <base> counts, as in browsers.
            sawBase = true
            if let href = value(of: "href", in: attributes), let resolved = URLResolver.resolve(href, against: pageURL),
                isHTTP(resolved)
            {
                base = resolved
            }
        }
    }

    private func link(_ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        guard let rel = value(of: "rel", in: attributes), let href = value(of: "href", in: attributes) else { return }
        var isAlternate = false
        var isFeed = false
        for token in rel.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            if token == "alternate" { isAlternate = true }
            if token == "feed" { isFeed = true }
        }
        guard isAlternate || isFeed else { return }
        var type = ""
        if let rawType = value(of: "type", in: attributes) {
            let essence = rawType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            type = String(essence).trimmingASCIIWhitespace().lowercased()
        }
        if isFeed {
            guard type.isEmpty || HTMLFeedDiscovery.feedTypes.contains(type) else { return }
        } else {
            guard HTMLFeedDiscovery.feedTypes.contains(type) else { return }
        }
        guard let url = URLResolver.resolve(href, against: base) else { return }
        // A page read from disk may point at feeds beside it; a page from the web may point only at the web.
        let isLocal = URLResolver.scheme(of: url) == "file" && base.flatMap(URLResolver.scheme(of:)) == "file"
        if URLResolver.hasScheme(url) && !isHTTP(url) && !isLocal { return }
        guard seen.insert(url).inserted else { return }
        let words = value(of: "title", in: attributes)?.split(whereSeparator: { $0.isWhitespace }) ?? []
        feeds.append(DiscoveredFeed(url: url, type: type, title: words.isEmpty ? nil : words.joined(separator: " ")))
    }

    private func isHTTP(_ url: String) -> Bool {
        let scheme = URLResolver.scheme(of: url)
        return scheme == "http" || scheme == "https"
    }

    private func value(of attribute: StaticString, in attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?)
        -> String?
    {
        guard let attributes else { return nil }
        let wanted = HTMLNameKey(attribute)
        var index = 0
        while let name = attributes[index] {
            if HTMLNameKey(cString: name) == wanted {
                return attributes[index + 1].map { String(cString: $0) } ?? ""
            }
            index += 2
        }
        return nil
    }
}
