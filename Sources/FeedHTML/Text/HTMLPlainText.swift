/// Turns a short piece of markup (a title, an author name, a rights line) into one line of plain text.
///
/// Tags of real HTML elements are removed (block elements leave a space), the content of script, style,
/// template and noscript is dropped, character references are decoded, whitespace runs become one space and
/// the ends are trimmed. A `<` that does not start a real element's tag is text: "Release <v2>" stays as is,
/// and so do "a < b" and "AT&T". Safe to call from any thread.
public enum HTMLPlainText {
    /// The plain text of `fromMarkup`.
    public static func text(fromMarkup markup: String) -> String {
        var hasMarkup = false
        var needsCollapse = false
        var previousWasSpace = true
        for byte in markup.utf8 {
            if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") {
                hasMarkup = true
                break
            }
            let isSpace = byte.isHTMLWhitespace
            if isSpace && (previousWasSpace || byte != 0x20) { needsCollapse = true }
            previousWasSpace = isSpace
        }
        if !hasMarkup && !needsCollapse && !previousWasSpace { return markup }
        var copy = markup
        return copy.withUTF8 { bytes in
            var extractor = Extractor(bytes: bytes)
            extractor.run()
            return String(decoding: extractor.output, as: UTF8.self)
        }
    }

    /// One pass over the bytes; `pendingSpace` defers a space until text follows, which collapses and trims.
    private struct Extractor {
        let bytes: UnsafeBufferPointer<UInt8>
        var output: [UInt8] = []
        var index = 0
        var pendingSpace = false

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            output.reserveCapacity(bytes.count)
        }

        mutating func run() {
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "<"), consumeMarkup() { continue }
                if byte == UInt8(ascii: "&"), consumeReference() { continue }
                if byte.isHTMLWhitespace {
                    pendingSpace = true
                } else {
                    appendText(byte)
                }
                index += 1
            }
        }

        private mutating func appendText(_ byte: UInt8) {
            flushPendingSpace()
            output.append(byte)
        }

        private mutating func flushPendingSpace() {
            if pendingSpace {
                if !output.isEmpty { output.append(0x20) }
                pendingSpace = false
            }
        }

        private mutating func appendScalar(_ value: UInt32) {
            if value == 0xA0 || (value < 0x80 && UInt8(value).isHTMLWhitespace) {
                pendingSpace = true
                return
            }
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            flushPendingSpace()
            // Encoding a scalar to UTF-8 by hand avoids building a String per reference.
            let code = scalar.value
            switch code {
            case 0..<0x80:
                output.append(UInt8(code))
            case 0x80..<0x800:
                output.append(UInt8(0xC0 | (code >> 6)))
                output.append(UInt8(0x80 | (code & 0x3F)))
            case 0x800..<0x10000:
                output.append(UInt8(0xE0 | (code >> 12)))
                output.append(UInt8(0x80 | ((code >> 6) & 0x3F)))
                output.append(UInt8(0x80 | (code & 0x3F)))
            default:
                output.append(UInt8(0xF0 | (code >> 18)))
                output.append(UInt8(0x80 | ((code >> 12) & 0x3F)))
                output.append(UInt8(0x80 | ((code >> 6) & 0x3F)))
                output.append(UInt8(0x80 | (code & 0x3F)))
            }
        }

        /// Skips a comment, doctype or real element tag at `index`; false when the `<` is text.
        private mutating func consumeMarkup() -> Bool {
            let start = index
            if HTMLBytes.starts(with: "<!--", in: bytes, at: start) {
                index = HTMLBytes.find("-->", in: bytes, from: start + 4).map { $0 + 3 } ?? bytes.count
                return true
            }
            if HTMLBytes.starts(with: "<!doctype", in: bytes, at: start, ignoringCase: true) {
                guard let end = HTMLBytes.find(">", in: bytes, from: start) else { return false }
                index = end + 1
                return true
            }
            var position = start + 1
            let isEnd = position < bytes.count && bytes[position] == UInt8(ascii: "/")
            if isEnd { position += 1 }
            let nameStart = position
            while position < bytes.count && HTMLBytes.isNameByte(bytes[position]) { position += 1 }
            guard position > nameStart, position < bytes.count else { return false }
            let next = bytes[position]
            guard next == UInt8(ascii: ">") || next == UInt8(ascii: "/") || next.isHTMLWhitespace else { return false }
            guard let key = HTMLNameKey(bytes: UnsafeBufferPointer(rebasing: bytes[nameStart..<position])),
                let role = HTMLElementNames.roles[key], let end = HTMLBytes.tagEnd(in: bytes, from: position)
            else { return false }
            index = end + 1
            switch role {
            case .inline: break
            case .block: pendingSpace = true
            case .rawText:
                if !isEnd {
                    index = HTMLBytes.rawTextEnd(
                        in: bytes, from: index, name: UnsafeBufferPointer(rebasing: bytes[nameStart..<position]))
                }
            }
            return true
        }

        /// Decodes a character reference at `index`; false when the `&` is text.
        private mutating func consumeReference() -> Bool {
            guard let (scalar, end) = HTMLBytes.characterReference(in: bytes, at: index) else { return false }
            appendScalar(scalar)
            index = end
            return true
        }
    }
}
