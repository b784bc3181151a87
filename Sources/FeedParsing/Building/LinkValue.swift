internal import FeedHTML

/// A URL as the document wrote it, with the base that was in effect there; resolved once the whole context
/// (the channel link, when the document has no URL of its own) is known.
struct LinkValue: Sendable {
    var raw: String
    var base: String?

    /// The absolute link, "" when the element was empty, nil when `LinkPolicy` refuses it.
    func resolved(fallbackBase: String?, allowsMailto: Bool = false) -> String? {
        switch verdict(fallbackBase: fallbackBase, allowsMailto: allowsMailto) {
        case .accepted(let url): return url
        case .blank: return ""
        case .refused: return nil
        }
    }

    /// As `resolved(fallbackBase:)`, adding a refusal of the field named `field` to `refused`.
    func resolved(
        fallbackBase: String?, as field: String, allowsMailto: Bool = false, refused: inout [LinkRefusal]
    ) -> String? {
        switch verdict(fallbackBase: fallbackBase, allowsMailto: allowsMailto) {
        case .accepted(let url): return url
        case .blank: return ""
        case .refused(let reason):
            refused.append(LinkRefusal(field: field, reference: raw, reason: reason))
            return nil
        }
    }

    private func verdict(fallbackBase: String?, allowsMailto: Bool) -> LinkPolicy.Verdict {
        LinkPolicy.check(
            raw, against: Self.effectiveBase(base, fallbackBase: fallbackBase), allowsMailto: allowsMailto)
    }

    /// The base to resolve against: the one in effect where the text appeared, made absolute against the fallback
    /// when it is itself relative (an `xml:base="/blog/"` in a document whose own URL is unknown).
    static func effectiveBase(_ base: String?, fallbackBase: String?) -> String? {
        guard let base else { return fallbackBase }
        if URLResolver.hasScheme(base) { return base }
        return URLResolver.resolve(base, against: fallbackBase) ?? base
    }
}
