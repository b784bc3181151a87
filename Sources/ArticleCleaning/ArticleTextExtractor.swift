internal import CLibXML2

/// One pass over article HTML bytes that writes its plain text; see `ArticleText.text(fromHTML:)`.
///
/// Whitespace and breaks are not written when seen but remembered (`pendingSpace`, `pendingBreak`) and written
/// before the next text, which collapses runs and keeps the ends clean without a second pass.
struct ArticleTextExtractor {
    /// The strength of a pending break; a stronger request wins over a weaker one.
    private enum Break: UInt8, Comparable {
        case none, line, paragraph

        static func < (lhs: Break, rhs: Break) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var output: [UInt8] = []
    private var index = 0
    private var pendingSpace = false
    private var pendingBreak = Break.none
    /// `br` elements seen since the last text; two in a row end a paragraph.
    private var lineBreaksInRow = 0
    private var listDepth = 0
    /// The list depth of an item whose bullet is not written yet (nil when none is pending).
    private var pendingBulletDepth: Int?
    private var preformattedDepth = 0
    /// Whitespace inside `pre`, kept as is and written before the next text of the `pre`.
    private var preformattedWhitespace: [UInt8] = []
    /// True right after `<pre>`, whose first newline belongs to the markup, not the text.
    private var atPreformattedStart = false

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        output.reserveCapacity(bytes.count)
    }

    mutating func run() {
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "<"):
                if consumeMarkup() { continue }
                appendText(start: index, end: index + 1)
                index += 1
            case UInt8(ascii: "&"):
                if consumeReference() { continue }
                appendText(start: index, end: index + 1)
                index += 1
            case 0x20, 0x09, 0x0A, 0x0C, 0x0D:
                whitespace(byte)
                index += 1
            case 0xC2 where index + 1 < count && bytes[index + 1] == 0xA0:
                // A raw no-break space is a space for the reader; runs of them are layout, not content.
                whitespace(0x20)
                index += 2
            default:
                // Most bytes are plain text: find the run and copy it at once.
                let start = index
                index += 1
                while index < count {
                    let next = bytes[index]
                    if next == UInt8(ascii: "<") || next == UInt8(ascii: "&") || next <= 0x20 || next == 0xC2 { break }
                    index += 1
                }
                appendText(start: start, end: index)
            }
        }
    }

    // MARK: Output

    private mutating func whitespace(_ byte: UInt8) {
        guard preformattedDepth > 0 else {
            pendingSpace = true
            return
        }
        if atPreformattedStart {
            atPreformattedStart = false
            if byte == 0x0A { return }
            if byte == 0x0D {
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
                return
            }
        }
        // CR LF and lone CR are line breaks; only LF is written.
        if byte == 0x0D {
            if index + 1 < bytes.count && bytes[index + 1] == 0x0A { return }
            preformattedWhitespace.append(0x0A)
            return
        }
        preformattedWhitespace.append(byte == 0x0C ? 0x20 : byte)
    }

    private mutating func requestBreak(_ requested: Break) {
        // A list is one paragraph: blocks inside its items end lines only.
        let strength = listDepth > 0 && requested == .paragraph ? Break.line : requested
        if strength > pendingBreak { pendingBreak = strength }
    }

    /// Writes what is pending (break, space, pre whitespace, bullet) before text.
    @inline(__always)
    private mutating func prepareForText() {
        atPreformattedStart = false
        if pendingBreak == .none && !pendingSpace && pendingBulletDepth == nil && preformattedWhitespace.isEmpty {
            return
        }
        if !output.isEmpty {
            switch pendingBreak {
            case .paragraph: output.append(contentsOf: [0x0A, 0x0A])
            case .line: output.append(0x0A)
            case .none: if pendingSpace && preformattedDepth == 0 { output.append(0x20) }
            }
        }
        if let depth = pendingBulletDepth {
            for _ in 0..<max(0, depth - 1) { output.append(contentsOf: [0x20, 0x20]) }
            output.append(contentsOf: ArticleText.bullet.utf8)
            pendingBulletDepth = nil
        }
        if preformattedDepth > 0 && !output.isEmpty { output.append(contentsOf: preformattedWhitespace) }
        preformattedWhitespace.removeAll(keepingCapacity: true)
        pendingBreak = .none
        pendingSpace = false
        lineBreaksInRow = 0
    }

    private mutating func appendText(start: Int, end: Int) {
        prepareForText()
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    private mutating func appendScalar(_ value: UInt32) {
        if value == 0xA0 || (value < 0x80 && Self.isWhitespace(UInt8(value))) {
            whitespace(value == 0xA0 ? 0x20 : UInt8(value))
            return
        }
        prepareForText()
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        output.append(contentsOf: scalar.utf8)
    }

    // MARK: Markup

    /// Reads a tag, comment or declaration at `index`; false when the `<` is text (as in "a < b").
    private mutating func consumeMarkup() -> Bool {
        let start = index
        let count = bytes.count
        guard start + 1 < count else { return false }
        let second = bytes[start + 1]
        if second == UInt8(ascii: "!") {
            if startsWith("<!--", at: start) {
                index = find("-->", from: start + 4).map { $0 + 3 } ?? count
            } else {
                index = findTagEnd(from: start + 2).map { $0 + 1 } ?? count
            }
            return true
        }
        if second == UInt8(ascii: "?") {
            index = findTagEnd(from: start + 2).map { $0 + 1 } ?? count
            return true
        }
        let isEnd = second == UInt8(ascii: "/")
        let nameStart = isEnd ? start + 2 : start + 1
        guard nameStart < count, Self.isLetter(bytes[nameStart]) else { return false }
        var nameEnd = nameStart + 1
        while nameEnd < count && Self.isNameByte(bytes[nameEnd]) { nameEnd += 1 }
        guard let tagEnd = findTagEnd(from: nameEnd) else { return false }
        index = tagEnd + 1
        let name = UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd])
        let element = ArticleElement.of(name)
        if element != .inline { handle(element, isEnd: isEnd, name: name) }
        return true
    }

    private mutating func handle(_ element: ArticleElement, isEnd: Bool, name: UnsafeBufferPointer<UInt8>) {
        switch element {
        case .inline:
            break
        case .cell:
            if preformattedDepth == 0 { pendingSpace = true }
        case .lineBreak:
            if preformattedDepth > 0 {
                atPreformattedStart = false
                preformattedWhitespace.append(0x0A)
                return
            }
            lineBreaksInRow += 1
            requestBreak(lineBreaksInRow >= 2 ? .paragraph : .line)
        case .listItem:
            requestBreak(.line)
            pendingBulletDepth = isEnd ? nil : max(1, listDepth)
        case .list:
            if isEnd {
                listDepth = max(0, listDepth - 1)
                requestBreak(.paragraph)
            } else {
                requestBreak(.paragraph)
                listDepth += 1
            }
        case .preformatted:
            requestBreak(.paragraph)
            preformattedWhitespace.removeAll(keepingCapacity: true)
            if isEnd {
                preformattedDepth = max(0, preformattedDepth - 1)
                atPreformattedStart = false
            } else {
                preformattedDepth += 1
                atPreformattedStart = true
            }
        case .block:
            requestBreak(.paragraph)
        case .rawText:
            if !isEnd { skipRawText(named: name) }
        }
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
            if matches, open + 2 + name.count == bytes.count || !Self.isNameByte(bytes[open + 2 + name.count]) {
                index = findTagEnd(from: open + 2 + name.count).map { $0 + 1 } ?? bytes.count
                return
            }
            cursor = open + 2
        }
        index = bytes.count
    }

    private func startsWith(_ literal: StaticString, at position: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[position + offset] != literal.utf8Start[offset] { return false }
        return true
    }

    private func find(_ literal: StaticString, from position: Int) -> Int? {
        let count = literal.utf8CodeUnitCount
        let first = literal.utf8Start[0]
        var cursor = position
        while cursor + count <= bytes.count {
            if bytes[cursor] == first && startsWith(literal, at: cursor) { return cursor }
            cursor += 1
        }
        return nil
    }

    // MARK: Character references

    /// Decodes a character reference at `index`; false when the `&` is text (as in "AT&T").
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
            while position < bytes.count, let digit = Self.digitValue(bytes[position], hex: isHex) {
                value = min(value &* (isHex ? 16 : 10) &+ digit, 0x110000)
                position += 1
            }
            guard position > digitsStart else { return false }
            if position < bytes.count && bytes[position] == UInt8(ascii: ";") { position += 1 }
            index = position
            appendScalar(Self.browserCodePoint(value))
            return true
        }
        let nameStart = position
        while position < bytes.count && Self.isAlphanumeric(bytes[position]) && position - nameStart < 32 {
            position += 1
        }
        guard position > nameStart, position < bytes.count, bytes[position] == UInt8(ascii: ";") else { return false }
        let value: UInt32
        if position - nameStart == 4 && startsWith("apos", at: nameStart) {
            // XHTML's &apos; is not in libxml2's HTML 4 table.
            value = 0x27
        } else {
            var name = Array(bytes[nameStart..<position])
            name.append(0)
            guard let entity = name.withUnsafeBufferPointer({ htmlEntityLookup($0.baseAddress) }) else {
                return false
            }
            value = entity.pointee.value
        }
        index = position + 1
        appendScalar(value)
        return true
    }

    /// Numeric references as browsers read them: NUL, surrogates and out-of-range values become U+FFFD,
    /// and 0x80...0x9F are taken as windows-1252 (`&#146;` is a right single quote).
    private static func browserCodePoint(_ value: UInt32) -> UInt32 {
        if value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) { return 0xFFFD }
        guard value >= 0x80 && value <= 0x9F else { return value }
        return windows1252[Int(value - 0x80)]
    }

    private static let windows1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    // MARK: Byte classes

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        let lowered = byte | 0x20
        return lowered >= UInt8(ascii: "a") && lowered <= UInt8(ascii: "z")
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// Tag name bytes: letters, digits and the `-`, `_`, `:`, `.` of custom and namespaced elements.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
            || byte == UInt8(ascii: ".")
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
}
