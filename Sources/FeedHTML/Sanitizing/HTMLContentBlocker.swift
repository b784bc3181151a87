/// Recognizes the clutter feeds wrap around articles, which `HTMLSanitizingWriter` removes: tracking pixels,
/// FeedBurner-style flare, and share or social widgets.
///
/// Every check is conservative and works on bytes. URLs are matched by host (the domain or any subdomain of it)
/// and an optional path prefix, after the sanitizer has made them absolute; `mailto:` links are never blocked
/// (a "share by e-mail" link tracks nobody). Widget names are matched against whole `class` tokens or the `id`,
/// case-insensitively: a token matches when it equals a name, or, for the names of plugins, continues it after
/// `-` or `_` (`addtoany_share_save_container` matches `addtoany`). Common words (`sharing`, `sociable`) must match
/// a whole token, so `id="sharing-economy"` stays, and so does a table cell of class `share-price`.
enum HTMLContentBlocker {
    /// A host (the domain or any subdomain) and a path prefix (empty for any path).
    ///
    /// A prefix that does not end in `/` must be followed by the end of the path, `/` or `.`: `/share` matches
    /// `/share` and `/share.php`, not `/shareholders`.
    private struct URLRule {
        let domain: StaticString
        let pathPrefix: StaticString

        init(_ domain: StaticString, _ pathPrefix: StaticString = "") {
            self.domain = domain
            self.pathPrefix = pathPrefix
        }
    }

    /// Images that exist to count readers (or to advertise inside feeds), whatever size they claim.
    private static let trackerImages: [URLRule] = [
        URLRule("feeds.feedburner.com", "/~r/"), URLRule("feeds.feedburner.com", "/~ff/"),
        URLRule("feeds.feedburner.com", "/~a/"), URLRule("feedproxy.google.com", "/~r/"),
        URLRule("feedsportal.com"), URLRule("pixel.wp.com"), URLRule("stats.wordpress.com"),
        URLRule("feeds.wordpress.com", "/1.0/"), URLRule("google-analytics.com"), URLRule("pixel.quantserve.com"),
        URLRule("pixel.mathtag.com"), URLRule("doubleclick.net"), URLRule("assets.feedblitz.com", "/i/"),
        URLRule("www.feedblitz.com", "/i/"), URLRule("feeds.feedblitz.com", "/~/i/"), URLRule("a.fsdn.com", "/sd/"),
        URLRule("pixel.facebook.com"), URLRule("facebook.com", "/tr"), URLRule("mf.feeds.reuters.com"),
        URLRule("api.flattr.com"), URLRule("amazon-adsystem.com"), URLRule("assoc-amazon.com"),
        URLRule("scorecardresearch.com"), URLRule("bat.bing.com"),
    ]

    /// Links that are flare, feed advertising or "share this" endpoints: removed together with what they wrap.
    private static let blockedLinks: [URLRule] = [
        // Flare and feed ads.
        URLRule("feeds.feedburner.com", "/~ff/"), URLRule("feeds.feedburner.com", "/~a/"),
        URLRule("feedads.g.doubleclick.net"), URLRule("da.feedsportal.com", "/r/"),
        URLRule("feeds.wordpress.com", "/1.0/"),
        // Share endpoints.
        URLRule("facebook.com", "/sharer"), URLRule("facebook.com", "/share.php"),
        URLRule("facebook.com", "/dialog/share"), URLRule("facebook.com", "/dialog/feed"),
        URLRule("twitter.com", "/intent/"), URLRule("twitter.com", "/share"), URLRule("x.com", "/intent/"),
        URLRule("x.com", "/share"), URLRule("linkedin.com", "/shareArticle"), URLRule("linkedin.com", "/sharing/"),
        URLRule("linkedin.com", "/cws/share"), URLRule("pinterest.com", "/pin/create/"),
        URLRule("reddit.com", "/submit"), URLRule("api.whatsapp.com", "/send"), URLRule("t.me", "/share/"),
        URLRule("telegram.me", "/share/"), URLRule("plus.google.com", "/share"), URLRule("tumblr.com", "/share"),
        URLRule("tumblr.com", "/widgets/share/"), URLRule("addtoany.com", "/share"), URLRule("vk.com", "/share.php"),
        URLRule("news.ycombinator.com", "/submitlink"), URLRule("getpocket.com", "/save"),
        URLRule("flattr.com", "/submit/"), URLRule("bsky.app", "/intent/compose"),
        URLRule("threads.net", "/intent/post"), URLRule("digg.com", "/submit"), URLRule("buffer.com", "/add"),
        URLRule("bufferapp.com", "/add"),
    ]

    /// Class and id names of share, social and "related posts" widgets that plugins and feed services inject;
    /// tokens that continue them after `-` or `_` match too.
    private static let widgetNames: [StaticString] = [
        "sharedaddy", "sd-sharing", "sd-social", "jp-relatedposts", "share-buttons", "share-button",
        "sharing-buttons", "social-share", "social-sharing", "sharethis", "addtoany", "a2a_kit", "addthis",
        "feedflare", "wp-block-social-links", "shareaholic", "ssba", "heateor", "mashsb", "essb", "swp_social_panel",
        "dpsp", "sfsi",
    ]

    /// Widget names that are also ordinary words: only a whole token matches.
    private static let exactWidgetNames: [StaticString] = ["sharing", "sociable", "share-this"]

    /// The hashes of the sites (last two host labels) that have a rule: most URLs are rejected on this alone.
    private static let trackerImageSites = siteHashes(trackerImages)
    private static let blockedLinkSites = siteHashes(blockedLinks)

    /// True when the absolute image URL `url` (attribute-escaped bytes) points at a known tracker.
    static func isTrackerImage(_ url: UnsafeBufferPointer<UInt8>) -> Bool {
        matches(url, trackerImages, sites: trackerImageSites)
    }

    /// True when the absolute link `url` (attribute-escaped bytes) is flare, a feed ad or a share endpoint.
    static func isBlockedLink(_ url: UnsafeBufferPointer<UInt8>) -> Bool {
        matches(url, blockedLinks, sites: blockedLinkSites)
    }

    /// True when a `class` value holds a widget name among its whitespace-separated tokens (an `id` is one token).
    static func isWidgetMarker(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = value.count
        while index < count {
            while index < count && value[index].isHTMLWhitespace { index += 1 }
            let start = index
            while index < count && !value[index].isHTMLWhitespace { index += 1 }
            if index > start && isWidgetToken(UnsafeBufferPointer(rebasing: value[start..<index])) { return true }
        }
        return false
    }

    /// True when a `width` or `height` value says at most one pixel: `0`, `1`, `1px`, `1.0`, ` 1 `.
    static func isAtMostOnePixel(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = value.count
        while index < count && value[index].isHTMLWhitespace { index += 1 }
        var integer = 0
        var digits = 0
        while index < count, value[index] >= UInt8(ascii: "0"), value[index] <= UInt8(ascii: "9") {
            integer = min(integer * 10 + Int(value[index] - UInt8(ascii: "0")), 10)
            digits += 1
            index += 1
        }
        guard digits > 0, integer <= 1 else { return false }
        if index < count && value[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, value[index] >= UInt8(ascii: "0"), value[index] <= UInt8(ascii: "9") {
                // 1.5 is more than a pixel; 0.5 and 1.0 are not.
                if integer == 1 && value[index] != UInt8(ascii: "0") { return false }
                index += 1
            }
        }
        if index + 1 < count, value[index] | 0x20 == UInt8(ascii: "p"), value[index + 1] | 0x20 == UInt8(ascii: "x") {
            index += 2
        }
        while index < count && value[index].isHTMLWhitespace { index += 1 }
        return index == count
    }

    // MARK: Matching

    private static func isWidgetToken(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        // Every name is at least four bytes and starts with a letter; most tokens fail on the first byte.
        guard token.count >= 4 else { return false }
        let first = token[0] | 0x20
        for name in widgetNames where name.utf8Start[0] == first {
            let length = name.utf8CodeUnitCount
            guard token.count == length || token.count > length + 1, hasPrefix(token, name, from: 0) else { continue }
            if token.count == length { return true }
            let next = token[length]
            if next == UInt8(ascii: "-") || next == UInt8(ascii: "_") { return true }
        }
        for name in exactWidgetNames where name.utf8Start[0] == first && token.count == name.utf8CodeUnitCount {
            if hasPrefix(token, name, from: 0) { return true }
        }
        return false
    }

    /// True when `bytes[offset...]` starts with `literal`, ignoring ASCII case (literals are lower-case, except
    /// for path prefixes, which are compared lower-cased as well).
    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString, from offset: Int)
        -> Bool
    {
        let length = literal.utf8CodeUnitCount
        guard bytes.count - offset >= length else { return false }
        for index in 0..<length where lowered(bytes[offset + index]) != lowered(literal.utf8Start[index]) {
            return false
        }
        return true
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// The host of an absolute http(s) URL and where its path starts; nil for anything else.
    private static func host(_ url: UnsafeBufferPointer<UInt8>) -> (host: Range<Int>, pathStart: Int)? {
        let count = url.count
        guard count > 6, url[0] | 0x20 == UInt8(ascii: "h"), url[1] | 0x20 == UInt8(ascii: "t"),
            url[2] | 0x20 == UInt8(ascii: "t"), url[3] | 0x20 == UInt8(ascii: "p")
        else { return nil }
        var index: Int
        if url[4] == UInt8(ascii: ":") {
            index = 5
        } else if url[4] | 0x20 == UInt8(ascii: "s") && url[5] == UInt8(ascii: ":") {
            index = 6
        } else {
            return nil
        }
        // Browsers read `\` as `/` in http(s) URLs, and any number of slashes before the host.
        while index < count && (url[index] == UInt8(ascii: "/") || url[index] == UInt8(ascii: "\\")) { index += 1 }
        var hostStart = index
        var hostEnd = -1
        while index < count {
            let byte = url[index]
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "?")
                || byte == UInt8(ascii: "#")
            {
                break
            }
            if byte == UInt8(ascii: "@") {
                hostStart = index + 1
                hostEnd = -1
            } else if byte == UInt8(ascii: ":") && hostEnd < 0 {
                hostEnd = index
            }
            index += 1
        }
        if hostEnd < hostStart { hostEnd = index }
        // A fully qualified host may end in a dot.
        if hostEnd > hostStart && url[hostEnd - 1] == UInt8(ascii: ".") { hostEnd -= 1 }
        return (hostStart..<hostEnd, index)
    }

    private static func matches(_ url: UnsafeBufferPointer<UInt8>, _ rules: [URLRule], sites: [UInt64]) -> Bool {
        guard let (host, pathStart) = host(url), !host.isEmpty,
            sites.contains(siteHash(UnsafeBufferPointer(rebasing: url[host])))
        else { return false }
        var pathEnd = pathStart
        while pathEnd < url.count && url[pathEnd] != UInt8(ascii: "?") && url[pathEnd] != UInt8(ascii: "#") {
            pathEnd += 1
        }
        let path = pathStart..<pathEnd
        for rule in rules where hostMatches(url, host, rule.domain) && pathMatches(url, path, rule.pathPrefix) {
            return true
        }
        return false
    }

    private static func siteHashes(_ rules: [URLRule]) -> [UInt64] {
        var hashes: [UInt64] = []
        for rule in rules {
            let hash = siteHash(UnsafeBufferPointer(start: rule.domain.utf8Start, count: rule.domain.utf8CodeUnitCount))
            if !hashes.contains(hash) { hashes.append(hash) }
        }
        return hashes
    }

    /// A hash of the host's last two labels (`feeds.feedburner.com` → `feedburner.com`), lower-cased, so that a
    /// host and the domains of its rules hash alike.
    private static func siteHash(_ host: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var start = host.count
        var dots = 0
        while start > 0 {
            if host[start - 1] == UInt8(ascii: ".") {
                dots += 1
                if dots == 2 { break }
            }
            start -= 1
        }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for index in start..<host.count {
            hash = (hash ^ UInt64(lowered(host[index]))) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// True when the host is `domain` or a subdomain of it.
    private static func hostMatches(_ url: UnsafeBufferPointer<UInt8>, _ host: Range<Int>, _ domain: StaticString)
        -> Bool
    {
        let length = domain.utf8CodeUnitCount
        guard host.count >= length else { return false }
        let start = host.upperBound - length
        guard start == host.lowerBound || url[start - 1] == UInt8(ascii: ".") else { return false }
        return hasPrefix(UnsafeBufferPointer(rebasing: url[..<host.upperBound]), domain, from: start)
    }

    private static func pathMatches(_ url: UnsafeBufferPointer<UInt8>, _ path: Range<Int>, _ prefix: StaticString)
        -> Bool
    {
        let length = prefix.utf8CodeUnitCount
        guard length > 0 else { return true }
        let bytes = UnsafeBufferPointer(rebasing: url[..<path.upperBound])
        guard hasPrefix(bytes, prefix, from: path.lowerBound) else { return false }
        if prefix.utf8Start[length - 1] == UInt8(ascii: "/") { return true }
        let next = path.lowerBound + length
        return next == path.upperBound || url[next] == UInt8(ascii: "/") || url[next] == UInt8(ascii: ".")
    }
}
