/// The text of one field being read: character data, and, for markup kinds, the nested elements serialized back.
struct Capture {
    let field: Field
    var kind: TextKind
    let base: String?
    /// Depth of the field's own element in the reader's stack.
    let depth: Int
    /// Atom XHTML content comes wrapped in one `xhtml:div` that is not part of the content.
    let unwrapXHTMLDiv: Bool
    var sawWrapper = false
    var buffer: [UInt8] = []
    var truncated = false

    init(field: Field, kind: TextKind, base: String?, depth: Int, unwrapXHTMLDiv: Bool) {
        self.field = field
        self.kind = kind
        self.base = base
        self.depth = depth
        self.unwrapXHTMLDiv = unwrapXHTMLDiv
    }

    var string: String { String(decoding: buffer, as: UTF8.self) }

    mutating func appendText(_ text: UnsafeBufferPointer<UInt8>) {
        guard !truncated else { return }
        if kind == .xhtml {
            appendEscaped(text, quote: false)
        } else {
            buffer.append(contentsOf: text)
        }
    }

    /// Appends `text`; true when this made the field longer than `limit`, which cuts it off there (once).
    mutating func appendText(_ text: UnsafeBufferPointer<UInt8>, cuttingOffAt limit: Int) -> Bool {
        appendText(text)
        guard !truncated && buffer.count > limit else { return false }
        truncated = true
        return true
    }

    /// Serializes a start tag found inside the field. Inside RSS/HTML fields such markup is raw HTML the
    /// publisher forgot to escape; inside XHTML fields it is the content itself.
    mutating func appendStartTag(_ name: XMLName, attributes: XMLAttributes) {
        guard !truncated else { return }
        buffer.append(UInt8(ascii: "<"))
        appendCString(name.localName)
        attributes.forEach { localName, prefix, _, value in
            // Namespaced attributes (xml:lang, xlink:href, …) mean nothing to an HTML sanitizer.
            guard prefix == nil else { return }
            buffer.append(UInt8(ascii: " "))
            appendCString(localName)
            buffer.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
            let decoded = XMLAttributes.decodeValue(value)
            var utf8 = Array(decoded.utf8)
            utf8.withUnsafeMutableBufferPointer { appendEscaped(UnsafeBufferPointer($0), quote: true) }
            buffer.append(UInt8(ascii: "\""))
        }
        buffer.append(UInt8(ascii: ">"))
    }

    mutating func appendEndTag(_ name: XMLName) {
        guard !truncated else { return }
        buffer.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
        appendCString(name.localName)
        buffer.append(UInt8(ascii: ">"))
    }

    private mutating func appendCString(_ pointer: UnsafePointer<UInt8>) {
        var cursor = pointer
        while cursor.pointee != 0 {
            buffer.append(cursor.pointee)
            cursor += 1
        }
    }

    private mutating func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, quote: Bool) {
        for byte in text {
            switch byte {
            case UInt8(ascii: "&"): buffer.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
            case UInt8(ascii: "<"): buffer.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
            case UInt8(ascii: ">"): buffer.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
            case UInt8(ascii: "\"") where quote: buffer.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])
            default: buffer.append(byte)
            }
        }
    }
}
