/// How a captured piece of text is to be read.
enum TextKind: Sendable {
    /// Plain text: shown as it is, escaped when it lands in an HTML field.
    case text
    /// HTML source (an RSS description, Atom `type="html"`).
    case html
    /// XHTML markup that the reader serialized from the document's own elements (Atom `type="xhtml"`).
    case xhtml
}

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

extension String {
    /// The string with runs of whitespace turned into one space and no leading or trailing whitespace.
    func collapsingWhitespace() -> String {
        var needsWork = false
        var previousWasSpace = true
        for byte in utf8 {
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if isSpace && (previousWasSpace || byte != 0x20) { needsWork = true; break }
            previousWasSpace = isSpace
        }
        if !needsWork && !previousWasSpace { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for byte in utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
