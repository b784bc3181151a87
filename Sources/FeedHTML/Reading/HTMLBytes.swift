internal import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one markup reader: the byte-level pieces of reading HTML that every scanner of feedd's needs (what a tag
/// name is, where a tag or a raw-text element ends, what a character reference means), so that the sanitizer,
/// plain text, the article cleaner and the digest read markup alike.
///
/// The public surface takes `Span<UInt8>`, which is bounds- and lifetime-checked; the scanning itself runs on
/// unsafe buffer pointers, internal to this module, where the sanitizer calls it once per tag.
public enum HTMLBytes {
    /// The position of the `>` that ends a tag, skipping quoted attribute values; nil when the tag never ends.
    static func tagEnd(in bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> Int? {
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

    /// Where the raw text of a `script`, `style` or similar element named `name` ends: just past its end tag
    /// `</name>` (any case, the name not followed by another name byte), or the end of the input.
    static func rawTextEnd(
        in bytes: UnsafeBufferPointer<UInt8>, from position: Int, name: UnsafeBufferPointer<UInt8>
    ) -> Int {
        var cursor = position
        while let open = find("</", in: bytes, from: cursor) {
            var matches = open + 2 + name.count <= bytes.count
            if matches {
                for offset in 0..<name.count where bytes[open + 2 + offset] | 0x20 != name[offset] | 0x20 {
                    matches = false
                    break
                }
            }
            if matches, open + 2 + name.count == bytes.count || !isNameByte(bytes[open + 2 + name.count]) {
                return tagEnd(in: bytes, from: open + 2 + name.count).map { $0 + 1 } ?? bytes.count
            }
            cursor = open + 2
        }
        return bytes.count
    }

    /// True when `literal` is at `position`; with `ignoringCase`, ASCII letters match either case.
    static func starts(
        with literal: StaticString, in bytes: UnsafeBufferPointer<UInt8>, at position: Int, ignoringCase: Bool = false
    ) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position >= 0, position + count <= bytes.count else { return false }
        let fold: UInt8 = ignoringCase ? 0x20 : 0
        for offset in 0..<count where bytes[position + offset] | fold != literal.utf8Start[offset] | fold {
            return false
        }
        return true
    }

    /// The first position at or after `position` where `literal` starts.
    static func find(_ literal: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> Int? {
        guard let base = bytes.baseAddress, position >= 0 else { return nil }
        let first = Int32(literal.utf8Start[0])
        var cursor = position
        // memchr finds the candidates: scanners ask for `-->` and `</` across whole articles.
        while cursor + literal.utf8CodeUnitCount <= bytes.count {
            guard let found = memchr(base + cursor, first, bytes.count - cursor) else { return nil }
            cursor = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            if starts(with: literal, in: bytes, at: cursor) { return cursor }
            cursor += 1
        }
        return nil
    }

    /// The character reference at `index` (which holds `&`): its code point and the position after it; nil when
    /// the `&` is text (as in "AT&T").
    ///
    /// Numeric references are read as browsers read them: NUL, surrogates and values past U+10FFFF become U+FFFD,
    /// and 0x80…0x9F are windows-1252 (`&#146;` is a right single quote); the `;` is optional. Named references
    /// need their `;` and come from libxml2's HTML table, plus XHTML's `&apos;`.
    static func characterReference(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (
        scalar: UInt32, end: Int
    )? {
        var position = index + 1
        guard position < bytes.count else { return nil }
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
            guard position > digitsStart else { return nil }
            if position < bytes.count && bytes[position] == UInt8(ascii: ";") { position += 1 }
            return (browserCodePoint(value), position)
        }
        let nameStart = position
        while position < bytes.count && isAlphanumeric(bytes[position]) && position - nameStart < 32 {
            position += 1
        }
        guard position > nameStart, position < bytes.count, bytes[position] == UInt8(ascii: ";") else { return nil }
        if position - nameStart == 4 && starts(with: "apos", in: bytes, at: nameStart) {
            // XHTML's &apos; is not in libxml2's HTML 4 table.
            return (0x27, position + 1)
        }
        var name = Array(bytes[nameStart..<position])
        name.append(0)
        guard let entity = name.withUnsafeBufferPointer({ htmlEntityLookup($0.baseAddress) }) else {
            return nil
        }
        return (entity.pointee.value, position + 1)
    }

    /// What the markup starting with the `<` at `start` is: a tag with its name and end, something else to skip
    /// (comment `<!-- … -->`, declaration `<!…>`, processing instruction `<?…>`), or nil when the `<` is text
    /// (as in "a < b", or a tag that never closes). Positions are indices into `bytes`.
    static func markup(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> HTMLMarkup? {
        let count = bytes.count
        guard start + 1 < count else { return nil }
        let second = bytes[start + 1]
        if second == UInt8(ascii: "!") && starts(with: "<!--", in: bytes, at: start) {
            return .other(end: find("-->", in: bytes, from: start + 4).map { $0 + 3 } ?? count)
        }
        if second == UInt8(ascii: "!") || second == UInt8(ascii: "?") {
            return .other(end: tagEnd(in: bytes, from: start + 2).map { $0 + 1 } ?? count)
        }
        let isEnd = second == UInt8(ascii: "/")
        let nameStart = isEnd ? start + 2 : start + 1
        guard nameStart < count, (bytes[nameStart] | 0x20) >= 0x61, (bytes[nameStart] | 0x20) <= 0x7A else {
            return nil
        }
        var nameEnd = nameStart + 1
        while nameEnd < count && isNameByte(bytes[nameEnd]) { nameEnd += 1 }
        guard let close = tagEnd(in: bytes, from: nameEnd) else { return nil }
        return .tag(isEnd: isEnd, name: nameStart..<nameEnd, end: close + 1)
    }

    /// Tag name bytes: letters, digits and the `-`, `_`, `:`, `.` of custom and namespaced elements. This is
    /// feedd's one definition of a tag name; a name starts with a letter.
    public static func isNameByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
            || byte == UInt8(ascii: ".")
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        let lowered = byte | 0x20
        return (lowered >= UInt8(ascii: "a") && lowered <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { return UInt32(byte - UInt8(ascii: "0")) }
        guard hex else { return nil }
        let lowered = byte | 0x20
        if lowered >= UInt8(ascii: "a") && lowered <= UInt8(ascii: "f") {
            return UInt32(lowered - UInt8(ascii: "a") + 10)
        }
        return nil
    }

    /// Numeric references as browsers read them (see `characterReference`).
    private static func browserCodePoint(_ value: UInt32) -> UInt32 {
        if value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) { return 0xFFFD }
        guard value >= 0x80 && value <= 0x9F else { return value }
        return UInt32(Windows1252.high[Int(value - 0x80)])
    }
}
