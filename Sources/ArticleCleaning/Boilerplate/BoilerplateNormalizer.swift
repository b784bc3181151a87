/// Writes the comparison form of block text into one buffer: letters and digits lower-cased (ASCII), words
/// separated by one space, punctuation and symbols as word breaks, apostrophes and format characters dropped.
///
/// Fed scalar by scalar while a block is scanned; `finishBlock()` closes the block and reports what the
/// layers need besides the text (word count, a leading label, sentence punctuation at the end).
struct BoilerplateNormalizer {
    /// What a block's last mark was, for telling sentences from headline-like lines.
    private enum Mark: UInt8 {
        case none, terminal, other
    }

    /// The normalised text of every finished block and of the open one.
    private(set) var text: [UInt8] = []
    private var blockStart = 0
    private var words = 0
    private var labelWords = 0
    private var sawSeparator = false
    private var inWord = false
    private var afterSpace = true
    private var lastMark = Mark.none
    private var hasQuote = false
    private var labelByColon = false
    private var wordsBeforeLastColon = 0

    init(capacity: Int = 0) {
        text.reserveCapacity(capacity)
    }

    /// True when the open block has a letter or digit.
    var hasWords: Bool { words > 0 }

    /// Closes the open block: its text range, words, label words and whether it ends as a sentence.
    mutating func finishBlock() -> (
        text: Range<Int>, words: Int, labelWords: Int, isSentence: Bool, hasQuote: Bool, labelByColon: Bool,
        wordsBeforeLastColon: Int
    ) {
        let hasLabel = labelWords > 0 && labelWords < words
        let result = (
            blockStart..<text.count, words, hasLabel ? labelWords : 0, lastMark == .terminal, hasQuote,
            hasLabel && labelByColon, wordsBeforeLastColon
        )
        discardBlock()
        return result
    }

    /// Forgets the open block's text (for runs with no words) and starts the next.
    mutating func discardBlock() {
        if words == 0 { text.removeSubrange(blockStart...) }
        blockStart = text.count
        words = 0
        labelWords = 0
        sawSeparator = false
        inWord = false
        afterSpace = true
        lastMark = .none
        hasQuote = false
        labelByColon = false
        wordsBeforeLastColon = 0
    }

    /// A word break, as for whitespace and `<br>`.
    @inline(__always)
    mutating func addSpace() {
        inWord = false
        afterSpace = true
    }

    @inline(__always)
    mutating func addASCII(_ byte: UInt8) {
        let lowered = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        if (lowered >= 0x61 && lowered <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
            startWordIfNeeded()
            text.append(lowered)
            lastMark = .other
            afterSpace = false
            return
        }
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0C, 0x0D:
            addSpace()
            return
        case UInt8(ascii: "'"):
            // "don't" and "dont" compare equal; the apostrophe is no word break. One that opens a word quotes.
            if afterSpace { hasQuote = true }
            return
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"):
            lastMark = .terminal
        case UInt8(ascii: "\""), UInt8(ascii: ")"), UInt8(ascii: "]"):
            // Closing quotes and brackets after a full stop leave the sentence a sentence.
            if byte == UInt8(ascii: "\"") { hasQuote = true }
        case UInt8(ascii: ":"), UInt8(ascii: "|"):
            if byte == UInt8(ascii: ":") {
                if !sawSeparator { labelByColon = true }
                wordsBeforeLastColon = words
            }
            separator()
            lastMark = .other
        case UInt8(ascii: "-"):
            if afterSpace { separator() }
            lastMark = .other
        default:
            lastMark = .other
        }
        inWord = false
        afterSpace = false
    }

    /// Feeds the ASCII text at `start` up to the next `<`, `&` or non-ASCII byte; returns where it stopped and
    /// whether it saw anything but whitespace. Words are copied whole, the common case of article text.
    mutating func addASCIIText(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, sawText: Bool) {
        var index = start
        var sawText = false
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if Self.isAlphanumeric(byte) {
                startWordIfNeeded()
                var end = index + 1
                var hasUpper = byte <= 0x5A && byte >= 0x41
                while end < count && Self.isAlphanumeric(bytes[end]) {
                    if bytes[end] <= 0x5A && bytes[end] >= 0x41 { hasUpper = true }
                    end += 1
                }
                if hasUpper {
                    for position in index..<end {
                        let letter = bytes[position]
                        text.append(letter >= 0x41 && letter <= 0x5A ? letter | 0x20 : letter)
                    }
                } else {
                    text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                }
                lastMark = .other
                afterSpace = false
                sawText = true
                index = end
                continue
            }
            if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") || byte >= 0x80 { break }
            if byte > 0x20 { sawText = true }
            addASCII(byte)
            index += 1
        }
        return (index, sawText)
    }

    @inline(__always)
    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        let lowered = byte | 0x20
        return (lowered >= 0x61 && lowered <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

    mutating func addScalar(_ value: UInt32) {
        if value < 0x80 {
            addASCII(UInt8(value))
            return
        }
        switch value {
        case 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            addSpace()
        case 0xAD, 0x200B...0x200D, 0x2060, 0xFEFF, 0x2018, 0x2019:
            // Format characters and curly apostrophes vanish, as ASCII apostrophes do.
            break
        case 0x201C, 0x201D, 0x201E, 0x00AB, 0x00BB, 0x2039, 0x203A:
            inWord = false
            afterSpace = false
            hasQuote = true
        case 0x2026:
            inWord = false
            afterSpace = false
            lastMark = .terminal
        case 0x2013, 0x2014, 0x2015:
            separator()
            inWord = false
            afterSpace = false
            lastMark = .other
        case 0xA1...0xBF, 0xD7, 0xF7, 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x21FF, 0x2500...0x27BF,
            0x1F000...0x1FAFF:
            inWord = false
            afterSpace = false
            lastMark = .other
        default:
            startWordIfNeeded()
            // Latin-1 capitals compare as their small letters ("MÁS INFORMACIÓN", "À lire aussi"); × is no letter.
            appendUTF8(value >= 0xC0 && value <= 0xDE && value != 0xD7 ? value + 0x20 : value)
            lastMark = .other
            afterSpace = false
        }
    }

    @inline(__always)
    private mutating func startWordIfNeeded() {
        guard !inWord else { return }
        if text.count > blockStart { text.append(0x20) }
        words += 1
        inWord = true
    }

    private mutating func separator() {
        guard !sawSeparator else { return }
        sawSeparator = true
        if words >= 1 && words <= 4 { labelWords = words }
    }

    private mutating func appendUTF8(_ value: UInt32) {
        if value < 0x800 {
            text.append(UInt8(0xC0 | (value >> 6)))
            text.append(UInt8(0x80 | (value & 0x3F)))
        } else if value < 0x10000 {
            text.append(UInt8(0xE0 | (value >> 12)))
            text.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            text.append(UInt8(0x80 | (value & 0x3F)))
        } else {
            text.append(UInt8(0xF0 | (value >> 18)))
            text.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            text.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            text.append(UInt8(0x80 | (value & 0x3F)))
        }
    }

    /// Feeds UTF-8 `bytes[start..<end]` (text without markup), decoding multi-byte sequences.
    mutating func addUTF8(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        var index = start
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 {
                addASCII(lead)
                index += 1
                continue
            }
            guard let sequence = UTF8Sequence(bytes, at: index, end: end) else {
                // A stray or truncated byte is a letter of unknown script: keep the text comparable.
                addScalar(0xFFFD)
                index += 1
                continue
            }
            addScalar(sequence.value)
            index += sequence.length
        }
    }

    /// The normalised form of plain text such as a title or link.
    static func normalize(_ string: String) -> [UInt8] {
        var normalizer = BoilerplateNormalizer()
        var copy = string
        copy.withUTF8 { normalizer.addUTF8($0, from: 0, to: $0.count) }
        return normalizer.text
    }
}
