internal import FeedHTML

/// The one rule for the URLs the parser hands on in fields (links, ids used as links, enclosures, images, comments,
/// sources, author URIs, self and hub links, icons): only absolute http and https URLs leave the parser, and mailto
/// where a person's address makes sense (an author's URI). HTML attributes obey the same rule through
/// `HTMLURLFilter`, which this policy reuses.
///
/// A reference is cleaned the way browsers clean it before it is judged (leading and trailing controls and spaces
/// ignored, tabs, newlines and other controls removed anywhere), so `jav&#x09;ascript:` and ` JAVASCRIPT:` are
/// `javascript:` and refused. A relative reference is resolved only against an http or https base: a document read
/// from a file or a `file://` URL, or an `xml:base` that names another scheme, is no base at all, and a relative
/// reference with no web base is refused rather than left relative or pointed at the local disk.
enum LinkPolicy {
    /// What becomes of one reference.
    enum Verdict: Equatable, Sendable {
        /// The absolute URL to emit.
        case accepted(String)
        /// The field was present but blank (kept as "" so that it is not mistaken for absent).
        case blank
        /// The field must be dropped; `reason` says why in a few words ("a file: URL").
        case refused(reason: String)
    }

    /// Judges `reference` as a field's URL, resolving it against `base` when that is an http or https URL.
    static func check(_ reference: String, against base: String?, allowsMailto: Bool = false) -> Verdict {
        if reference.utf8.allSatisfy({ $0 <= 0x20 }) { return .blank }
        let webBase = webBase(base)
        let filtered = HTMLURLFilter.filter(reference, baseURL: webBase, allowMailto: allowsMailto)
        guard let filtered else { return .refused(reason: refusal(reference, hasWebBase: webBase != nil)) }
        if URLResolver.scheme(of: filtered) == "mailto" { return .accepted(filtered) }
        // Resolving against the base again is what escapes spaces in an absolute reference (the filter keeps those
        // as written); it changes nothing else.
        guard let normalized = URLResolver.resolve(filtered, against: webBase), hasHost(normalized) else {
            return .refused(reason: "an http URL without a host")
        }
        return .accepted(normalized)
    }

    /// `url` when it is an absolute http or https URL with a host, the only kind of base links resolve against.
    static func webBase(_ url: String?) -> String? {
        guard let url else { return nil }
        let trimmed = url.trimmingASCIIWhitespace()
        guard let scheme = URLResolver.scheme(of: trimmed), scheme == "http" || scheme == "https", hasHost(trimmed)
        else { return nil }
        return trimmed
    }

    /// True when an http(s) URL has `//` and a host after its scheme (`http:foo` and `http:///x` have none).
    private static func hasHost(_ url: String) -> Bool {
        guard let colon = url.utf8.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let rest = url.utf8[url.utf8.index(after: colon)...]
        guard rest.starts(with: "//".utf8) else { return false }
        guard let first = rest.dropFirst(2).first else { return false }
        return first != UInt8(ascii: "/") && first != UInt8(ascii: "?") && first != UInt8(ascii: "#")
    }

    /// Why `reference` was refused, judged as the filter judged it (controls removed).
    private static func refusal(_ reference: String, hasWebBase: Bool) -> String {
        let cleaned = String(decoding: reference.utf8.filter { $0 >= 0x20 && $0 != 0x7F }, as: UTF8.self)
        if let scheme = URLResolver.scheme(of: cleaned.trimmingASCIIWhitespace()) {
            return "a \(scheme): URL"
        }
        return hasWebBase ? "not an http or https URL" : "a relative URL with no http or https base"
    }
}
