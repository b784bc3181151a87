/// Text captured from the document, with what is needed to turn it into plain text or safe HTML later.
struct TextConstruct: Sendable {
    var value: String
    var kind: TextKind
    /// The base URL in effect where the text appeared (nearest xml:base, else the document's URL).
    var base: String?

    /// Plain text: markup stripped (for HTML kinds), entities decoded, whitespace collapsed.
    func plainText() -> String {
        switch kind {
        case .text: return value.collapsingWhitespace()
        case .html, .xhtml: return HTMLPlainText.text(fromMarkup: value)
        }
    }

    /// Sanitized HTML; plain text is escaped. Relative URLs resolve against `base`, else `fallbackBase`.
    /// Leading and trailing whitespace is dropped: it means nothing in HTML and only indents the feed's XML.
    func html(fallbackBase: String?) -> String {
        switch kind {
        case .text: return HTMLEscaping.escapeText(value.trimmingASCIIWhitespace())
        case .html, .xhtml:
            return HTMLSanitizer.sanitize(value, baseURL: LinkValue.effectiveBase(base, fallbackBase: fallbackBase))
                .trimmingASCIIWhitespace()
        }
    }
}
