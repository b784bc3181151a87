/// Spellings of one article's URL that canonicalisation alone cannot join: the AMP copy of a page and the
/// site's mobile or `www` host.
extension CanonicalURL {
    /// `canonical` (a result of `canonicalize`) without what marks an AMP page: an `amp.` host, an `amp` path
    /// segment (`/amp/`, a trailing `/amp`), an `.amp` before the extension or at the end of the last segment
    /// (`story.amp.html`), and the `amp` and `outputType=amp` query parameters.
    ///
    /// The page without them is the article itself, which a reader can open; AMP variants are recognisable from
    /// the URL alone, so no fetch is needed.
    static func withoutAMP(_ canonical: String) -> String {
        guard canonical.contains("amp") else { return canonical }
        guard let schemeEnd = canonical.range(of: "://") else { return canonical }
        let scheme = canonical[..<schemeEnd.upperBound]
        var rest = canonical[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var host = String(rest[..<authorityEnd])
        rest = rest[authorityEnd...]
        if host.hasPrefix("amp."), host.split(separator: ".").count >= 3 { host.removeFirst(4) }
        let queryStart = rest.firstIndex(of: "?") ?? rest.endIndex
        var segments = rest[..<queryStart].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let endsWithSlash = segments.count > 1 && segments.last == ""
        segments.removeAll { $0 == "amp" }
        if let last = segments.indices.last {
            if segments[last].hasSuffix(".amp") {
                segments[last].removeLast(4)
            } else if let range = segments[last].range(of: ".amp.", options: .backwards) {
                segments[last].replaceSubrange(range, with: ".")
            }
        }
        var path = segments.joined(separator: "/")
        if path.isEmpty || (endsWithSlash && !path.hasSuffix("/")) { path += "/" }
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

    /// The same URL on the host's other usual spellings: with and without `www.`, `m.` and `mobile.`, so that a
    /// mobile link and the desktop link of one article meet. Empty for a host of one label or an IP address.
    public static func hostVariants(of canonical: String) -> [String] {
        guard let schemeEnd = canonical.range(of: "://") else { return [] }
        let scheme = canonical[..<schemeEnd.upperBound]
        let rest = canonical[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let host = rest[..<authorityEnd]
        let tail = rest[authorityEnd...]
        let labels = host.split(separator: ".")
        guard labels.count >= 2, !host.contains(":"), !labels.allSatisfy({ $0.allSatisfy(\.isNumber) }) else {
            return []
        }
        var base = host
        for prefix in ["www.", "m.", "mobile."] where host.hasPrefix(prefix) && labels.count >= 3 {
            base = host.dropFirst(prefix.count)
        }
        return [String(base), "www." + base, "m." + base].filter { $0 != host }.map { scheme + $0 + tail }
    }
}
