/// A URL as the document wrote it, with the base that was in effect there; resolved once the whole context
/// (the channel link, when the document has no URL of its own) is known.
struct LinkValue: Sendable {
    var raw: String
    var base: String?

    func resolved(fallbackBase: String?) -> String? {
        URLResolver.resolve(raw, against: base ?? fallbackBase)
    }
}
