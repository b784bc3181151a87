/// A URL as the document wrote it, with the base that was in effect there; resolved once the whole context
/// (the channel link, when the document has no URL of its own) is known.
struct LinkValue: Sendable {
    var raw: String
    var base: String?

    /// The absolute link, "" when the element was empty, nil when it is not a link a reader may follow
    /// (see `URLResolver.resolveLink`).
    func resolved(fallbackBase: String?) -> String? {
        URLResolver.resolveLink(raw, against: Self.effectiveBase(base, fallbackBase: fallbackBase))
    }

    /// The base to resolve against: the one in effect where the text appeared, made absolute against the fallback
    /// when it is itself relative (an `xml:base="/blog/"` in a document whose own URL is unknown).
    static func effectiveBase(_ base: String?, fallbackBase: String?) -> String? {
        guard let base else { return fallbackBase }
        if URLResolver.hasScheme(base) { return base }
        return URLResolver.resolve(base, against: fallbackBase) ?? base
    }
}
