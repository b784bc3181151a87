/// The identity of a feed's address: every spelling of one feed's URL gives the same key, so a feed is subscribed
/// once however its URL was written.
///
/// The key starts from `CanonicalURL` (host letters lower-cased, IDN hosts as given, default port, fragment and
/// tracking parameters but the referrer markers dropped, escapes normalised, an empty path read as `/`; `?ref=main`
/// may select a feed) and goes further for feeds: http and
/// https count as one scheme (sites serve the same feed on both and redirect one to the other), a trailing slash is
/// insignificant, and query parameters are compared in name order. Every other query parameter is kept: it often
/// selects the feed (`?cat=3`, `?format=atom`). A URL that is not http(s), such as `file:`, is its own key.
///
/// The key identifies; it is not a URL to fetch or show. Its form is stored (the feed table's `url_key`): a change to
/// it needs a migration that recomputes the stored keys. Safe to call from any thread.
public enum FeedIdentity {
    /// The identity key of the feed at `url`.
    public static func key(_ url: String) -> String {
        guard let canonical = CanonicalURL.canonicalize(url, keepingReferrers: true) else {
            return trimmed(url)
        }
        // The canonical form starts with exactly one of these.
        var rest = Substring(canonical)
        for scheme in ["https://", "http://"] where rest.hasPrefix(scheme) {
            rest = rest.dropFirst(scheme.count)
            break
        }
        let queryStart = rest.firstIndex(of: "?") ?? rest.endIndex
        var address = rest[..<queryStart]
        // The canonical path starts at the first slash and is at least "/"; "/" itself is kept.
        let pathStart = address.firstIndex(of: "/") ?? address.endIndex
        while address.hasSuffix("/") && address.index(before: address.endIndex) > pathStart {
            address = address.dropLast()
        }
        guard queryStart < rest.endIndex else {
            return String(address)
        }
        // A stable sort keeps the order of repeated names, which a server may read as a list.
        let parameters = rest[rest.index(after: queryStart)...].split(separator: "&")
        let sorted = parameters.enumerated().sorted { left, right in
            let leftName = left.element.prefix { $0 != "=" }
            let rightName = right.element.prefix { $0 != "=" }
            return leftName != rightName ? leftName < rightName : left.offset < right.offset
        }
        return String(address) + "?" + sorted.map(\.element).joined(separator: "&")
    }

    /// `text` without leading and trailing ASCII whitespace and control characters, as `CanonicalURL` trims.
    private static func trimmed(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var start = 0
        var end = bytes.count
        while start < end && bytes[start] <= 0x20 { start += 1 }
        while end > start && bytes[end - 1] <= 0x20 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
