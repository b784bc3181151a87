/// Spellings of one article's URL that canonicalisation alone cannot join: the AMP copy of a page and the
/// site's mobile or `www` host.
extension CanonicalURL {
    /// An http(s) URL cut into scheme (with `://`), authority and the rest (path, query, fragment); nil for
    /// anything else.
    private static func parts(of url: String) -> (scheme: Substring, authority: Substring, rest: Substring)? {
        // Byte-wise: these run for every article, and Foundation's searches convert the string first.
        let utf8 = url.utf8
        let schemeLength: Int
        if utf8.starts(with: "https://".utf8) || utf8.starts(with: "HTTPS://".utf8) {
            schemeLength = 8
        } else if utf8.starts(with: "http://".utf8) || utf8.starts(with: "HTTP://".utf8) {
            schemeLength = 7
        } else {
            return nil
        }
        let schemeEnd = utf8.index(utf8.startIndex, offsetBy: schemeLength)
        let afterScheme = url[schemeEnd...]
        let authorityEnd =
            afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        return (url[..<schemeEnd], afterScheme[..<authorityEnd], afterScheme[authorityEnd...])
    }

    /// The lower-cased host of an http(s) URL: without user information and port; nil when there is none.
    public static func host(of url: String) -> String? {
        guard let authority = parts(of: url)?.authority else { return nil }
        var host = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority
        if host.hasPrefix("[") {
            // An IPv6 literal keeps its brackets; a port follows them.
            if let close = host.firstIndex(of: "]") { host = host[...close] }
        } else if let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        return host.isEmpty ? nil : host.lowercased()
    }

    /// `canonical` (a result of `canonicalize`) without what marks an AMP page: an `amp.` host, an `amp` first or
    /// last path segment (`/amp/news/story`, `/news/story/amp`), `.amp` before the extension or at the end of the
    /// last segment (`story.amp.html`), and the `amp` and `outputType=amp` query parameters.
    ///
    /// The page without them is the article itself, which a reader can open; AMP variants are recognisable from
    /// the URL alone, so no fetch is needed. An `amp` segment inside a path (`/reviews/amp/blues-junior`) is a
    /// word of the site's, not AMP's.
    static func withoutAMP(_ canonical: String) -> String {
        guard mayBeAMP(canonical), let (scheme, authority, rest) = parts(of: canonical) else { return canonical }
        var host = String(authority)
        if host.hasPrefix("amp."), host.split(separator: ".").count >= 3 { host.removeFirst(4) }
        let queryStart = rest.firstIndex(of: "?") ?? rest.endIndex
        var segments = rest[..<queryStart].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let endsWithSlash = segments.count > 1 && segments.last == ""
        if endsWithSlash { segments.removeLast() }
        if segments.count > 2 && segments.last == "amp" { segments.removeLast() }
        if segments.count > 2 && segments[1] == "amp" { segments.remove(at: 1) }
        if let last = segments.indices.last, last > 0 {
            if segments[last].hasSuffix(".amp") {
                segments[last].removeLast(4)
            } else if let range = segments[last].range(of: ".amp.", options: .backwards) {
                segments[last].replaceSubrange(range, with: ".")
            }
        }
        var path = segments.joined(separator: "/")
        if path.isEmpty || endsWithSlash { path += "/" }
        var query = ""
        if queryStart < rest.endIndex {
            let parameters = rest[rest.index(after: queryStart)...].split(separator: "&").filter { parameter in
                let lowered = parameter.lowercased()
                return !(lowered == "amp" || lowered.hasPrefix("amp=") || lowered == "outputtype=amp")
            }
            if !parameters.isEmpty { query = "?" + parameters.joined(separator: "&") }
        }
        return scheme + host + path + query
    }

    /// True when "amp" starts a host label, a path segment, a parameter or its value, or follows a dot: cheap, and
    /// false for
    /// nearly every URL (the many that merely hold the letters, as in "example", included).
    private static func mayBeAMP(_ url: String) -> Bool {
        var previous: UInt8 = 0
        var matched = 0
        for byte in url.utf8 {
            if matched == 0 {
                if (byte == UInt8(ascii: "a") || byte == UInt8(ascii: "A"))
                    && (previous == UInt8(ascii: "/") || previous == UInt8(ascii: ".") || previous == UInt8(ascii: "?")
                        || previous == UInt8(ascii: "&") || previous == UInt8(ascii: "="))
                {
                    matched = 1
                }
            } else if matched == 1 {
                matched = byte | 0x20 == UInt8(ascii: "m") ? 2 : 0
            } else {
                if byte | 0x20 == UInt8(ascii: "p") { return true }
                matched = 0
            }
            previous = byte
        }
        return false
    }

    /// The same URL on the host's other usual spellings: with and without `www.` and `m.` (a `mobile.` host is
    /// folded too), so that a mobile link and the desktop link of one article meet. Empty for a host of one label,
    /// an IP address, or an authority with user information or a port, which no site spells twice.
    public static func hostVariants(of canonical: String) -> [String] {
        guard let (scheme, authority, rest) = parts(of: canonical) else { return [] }
        var dots = 0
        var onlyDigitsAndDots = true
        for byte in authority.utf8 {
            if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "@") { return [] }
            if byte == UInt8(ascii: ".") {
                dots += 1
            } else if byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") {
                onlyDigitsAndDots = false
            }
        }
        guard dots >= 1, !onlyDigitsAndDots else { return [] }
        let labels = dots + 1
        var base = authority
        for prefix in ["www.", "m.", "mobile."] where authority.hasPrefix(prefix) && labels >= 3 {
            base = authority.dropFirst(prefix.count)
        }
        return [String(base), "www." + base, "m." + base].filter { $0 != authority }.map { scheme + $0 + rest }
    }
}
