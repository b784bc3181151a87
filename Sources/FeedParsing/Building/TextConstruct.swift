internal import FeedHTML

/// Text captured from the document, with what is needed to turn it into plain text or safe HTML later.
///
/// Text read from XML is kept as the bytes libxml2 delivered: turning it into a `String` (validating and copying it)
/// is left to `plainText`/`html`, which run on the threads that finish entries rather than on the parsing thread.
struct TextConstruct: Sendable {
    private enum Storage: Sendable {
        case string(String)
        case utf8([UInt8])
    }

    private var storage: Storage
    var kind: TextKind
    /// The base URL in effect where the text appeared (nearest xml:base, else the document's URL).
    var base: String?

    init(value: String, kind: TextKind, base: String?) {
        storage = .string(value)
        self.kind = kind
        self.base = base
    }

    init(utf8: [UInt8], kind: TextKind, base: String?) {
        storage = .utf8(utf8)
        self.kind = kind
        self.base = base
    }

    /// The text itself (invalid UTF-8, which the parser should never deliver, becomes U+FFFD).
    var value: String {
        switch storage {
        case .string(let string): return string
        case .utf8(let bytes): return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The size of the text in bytes, without converting it.
    var byteCount: Int {
        switch storage {
        case .string(let string): return string.utf8.count
        case .utf8(let bytes): return bytes.count
        }
    }

    /// Plain text: markup stripped (for HTML kinds), entities decoded, whitespace collapsed.
    func plainText() -> String {
        let value = self.value
        switch kind {
        case .text: return value.collapsingWhitespace()
        case .html, .xhtml: return HTMLPlainText.text(fromMarkup: value)
        }
    }

    /// Sanitized HTML; plain text is escaped. Relative URLs resolve against `base`, else `fallbackBase`.
    /// Leading and trailing whitespace is dropped: it means nothing in HTML and only indents the feed's XML.
    func html(fallbackBase: String?) -> String {
        switch (kind, storage) {
        case (.text, _):
            return HTMLEscaping.escapeText(value.trimmingASCIIWhitespace())
        case (.html, .utf8(let bytes)), (.xhtml, .utf8(let bytes)):
            // Straight from the captured bytes: a String of a whole article first was a tenth of finishing it.
            let baseURL = LinkValue.effectiveBase(base, fallbackBase: fallbackBase)
            return bytes.withUnsafeBufferPointer { HTMLSanitizer.sanitize(utf8: $0, baseURL: baseURL) }
                .trimmingASCIIWhitespace()
        case (.html, .string(let value)), (.xhtml, .string(let value)):
            return HTMLSanitizer.sanitize(value, baseURL: LinkValue.effectiveBase(base, fallbackBase: fallbackBase))
                .trimmingASCIIWhitespace()
        }
    }
}
