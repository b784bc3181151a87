/// The key under which an article's canonical URL is indexed: the URL without its scheme and without the `www.`,
/// `m.` and `mobile.` its host opens with.
///
/// Every spelling ingest treats as the same article (either scheme, the host with or without those prefixes) has
/// the same key, so one index seek finds them all; the key is wider than that sameness (it joins `mobile.` both
/// ways, and schemes other than http), so the rows it finds are checked against the spellings themselves.
enum ArticleURLKey {
    static func key(of url: String) -> String {
        var rest = Substring(url)
        if let separator = rest.range(of: "://") {
            rest = rest[separator.upperBound...]
        }
        var stripped = true
        while stripped {
            stripped = false
            for prefix in ["www.", "m.", "mobile."] where rest.hasPrefix(prefix) {
                rest = rest.dropFirst(prefix.count)
                stripped = true
            }
        }
        return String(rest)
    }
}
