internal import CLibXML2

/// Turns a short piece of markup (a title, an author name, a rights line) into one line of plain text.
///
/// Tags of real HTML elements are removed (block elements leave a space), the content of script, style,
/// template and noscript is dropped, character references are decoded, whitespace runs become one space and
/// the ends are trimmed. A `<` that does not start a real element's tag is text: "Release <v2>" stays as is,
/// and so do "a < b" and "AT&T". Safe to call from any thread.
enum HTMLPlainText {
    /// The plain text of `fromMarkup`.
    static func text(fromMarkup markup: String) -> String {
        var hasMarkup = false
        var needsCollapse = false
        var previousWasSpace = true
        for byte in markup.utf8 {
            if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") {
                hasMarkup = true
                break
            }
            let isSpace = isWhitespace(byte)
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

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        let lowered = byte | 0x20
        return (lowered >= UInt8(ascii: "a") && lowered <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
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
                if isWhitespace(byte) {
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
            if value == 0xA0 || (value < 0x80 && isWhitespace(UInt8(value))) {
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

        private func startsWith(_ literal: StaticString, at position: Int) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard position + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[position + offset] | 0x20 != literal.utf8Start[offset] | 0x20 {
                return false
            }
            return true
        }

        /// Skips a comment, doctype or real element tag at `index`; false when the `<` is text.
        private mutating func consumeMarkup() -> Bool {
            let start = index
            if startsWith("<!--", at: start) {
                index = find("-->", from: start + 4).map { $0 + 3 } ?? bytes.count
                return true
            }
            if startsWith("<!doctype", at: start) {
                guard let end = find(">", from: start) else { return false }
                index = end + 1
                return true
            }
            var position = start + 1
            let isEnd = position < bytes.count && bytes[position] == UInt8(ascii: "/")
            if isEnd { position += 1 }
            let nameStart = position
            while position < bytes.count && isNameByte(bytes[position]) { position += 1 }
            guard position > nameStart, position < bytes.count else { return false }
            let next = bytes[position]
            guard next == UInt8(ascii: ">") || next == UInt8(ascii: "/") || isWhitespace(next) else { return false }
            guard let key = HTMLNameKey(bytes: UnsafeBufferPointer(rebasing: bytes[nameStart..<position])),
                let role = HTMLElementNames.roles[key], let end = findTagEnd(from: position)
            else { return false }
            index = end + 1
            switch role {
            case .inline: break
            case .block: pendingSpace = true
            case .rawText:
                if !isEnd { skipRawText(named: UnsafeBufferPointer(rebasing: bytes[nameStart..<position])) }
            }
            return true
        }

        /// The position of the `>` that ends a tag, skipping quoted attribute values.
        private func findTagEnd(from position: Int) -> Int? {
            var quote: UInt8 = 0
            var cursor = position
            while cursor < bytes.count {
                let byte = bytes[cursor]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    return cursor
                }
                cursor += 1
            }
            return nil
        }

        /// Moves past the end tag `</name>` (any case), or to the end when there is none.
        private mutating func skipRawText(named name: UnsafeBufferPointer<UInt8>) {
            var cursor = index
            while let open = find("</", from: cursor) {
                var matches = open + 2 + name.count <= bytes.count
                if matches {
                    for offset in 0..<name.count where bytes[open + 2 + offset] | 0x20 != name[offset] | 0x20 {
                        matches = false
                        break
                    }
                }
                if matches {
                    index = findTagEnd(from: open + 2 + name.count).map { $0 + 1 } ?? bytes.count
                    return
                }
                cursor = open + 2
            }
            index = bytes.count
        }

        private func find(_ literal: StaticString, from position: Int) -> Int? {
            let count = literal.utf8CodeUnitCount
            var cursor = position
            while cursor + count <= bytes.count {
                if bytes[cursor] == literal.utf8Start[0] {
                    var matches = true
                    for offset in 1..<count where bytes[cursor + offset] != literal.utf8Start[offset] {
                        matches = false
                        break
                    }
                    if matches { return cursor }
                }
                cursor += 1
            }
            return nil
        }

        /// Decodes a character reference at `index`; false when the `&` is text.
        private mutating func consumeReference() -> Bool {
            var position = index + 1
            guard position < bytes.count else { return false }
            if bytes[position] == UInt8(ascii: "#") {
                position += 1
                var isHex = false
                if position < bytes.count && bytes[position] | 0x20 == UInt8(ascii: "x") {
                    isHex = true
                    position += 1
                }
                let digitsStart = position
                var value: UInt32 = 0
                while position < bytes.count, let digit = digitValue(bytes[position], hex: isHex) {
                    value = min(value &* (isHex ? 16 : 10) &+ digit, 0x110000)
                    position += 1
                }
                guard position > digitsStart else { return false }
                if position < bytes.count && bytes[position] == UInt8(ascii: ";") { position += 1 }
                appendScalar(Self.browserCodePoint(value))
                index = position
                return true
            }
            let nameStart = position
            while position < bytes.count && isNameByte(bytes[position]) && position - nameStart < 32 { position += 1 }
            guard position > nameStart, position < bytes.count, bytes[position] == UInt8(ascii: ";") else {
                return false
            }
            var name = Array(bytes[nameStart..<position])
            name.append(0)
            guard let entity = name.withUnsafeBufferPointer({ htmlEntityLookup($0.baseAddress) }) else {
                return false
            }
            appendScalar(entity.pointee.value)
            index = position + 1
            return true
        }

        private func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { return UInt32(byte - UInt8(ascii: "0")) }
            guard hex else { return nil }
            let lowered = byte | 0x20
            if lowered >= UInt8(ascii: "a") && lowered <= UInt8(ascii: "f") {
                return UInt32(lowered - UInt8(ascii: "a") + 10)
            }
            return nil
        }

        /// Numeric references as browsers read them: NUL, surrogates and out-of-range values become U+FFFD,
        /// and 0x80...0x9F are taken as windows-1252 (`&#146;` is a right single quote).
        private static func browserCodePoint(_ value: UInt32) -> UInt32 {
            if value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) { return 0xFFFD }
            guard value >= 0x80 && value <= 0x9F else { return value }
            let windows1252: [UInt32] = [
                0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
                0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
                0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
            ]
            return windows1252[Int(value - 0x80)]
        }
    }
}
