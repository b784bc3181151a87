/// Escapes text for HTML output: the one escaper of feed HTML and of the documents feedd writes.
///
/// Pure functions, safe on any thread. The `UnsafeBufferPointer` forms are for the sanitizer, which writes from
/// libxml2's buffers without copying; other modules pass strings.
public enum HTMLEscaping {
    /// `s` with `&`, `<` and `>` escaped, ready to place between tags.
    public static func escapeText(_ s: String) -> String {
        var needsWork = false
        for byte in s.utf8 where byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") {
            needsWork = true
            break
        }
        guard needsWork else { return s }
        var output: [UInt8] = []
        output.reserveCapacity(s.utf8.count + 16)
        var copy = s
        copy.withUTF8 { appendEscaped($0, to: &output, rules: .text) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `text` to `output` for text or a quoted attribute value of a page feedd writes (the digest).
    ///
    /// Stricter than the sanitizer's escaping because the text is a title or a message, not markup that was
    /// checked: `& < > " '` become references, whichever quote the attribute uses, and C0 controls other than
    /// tab, line feed and carriage return (and DEL) are dropped, since HTML allows none of them.
    public static func appendEscapedDocumentText(_ text: String, to output: inout [UInt8]) {
        var copy = text
        copy.withUTF8 { appendEscaped($0, to: &output, rules: .document) }
    }

    /// Appends `bytes` to `output` with `&`, `<` and `>` escaped.
    package static func appendEscapedText(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        appendEscaped(bytes, to: &output, rules: .text)
    }

    /// Appends `bytes` to `output` escaped for a double-quoted attribute value (`&`, `"`, `<`, `>`).
    package static func appendEscapedAttribute(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        appendEscaped(bytes, to: &output, rules: .attribute)
    }

    private static func appendEscaped(
        _ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8], rules: HTMLEscapingRules
    ) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        let specials = rules.specials
        let quotes = rules != .text
        let skipsWords = rules != .document
        var runStart = 0
        var index = 0
        while index < count {
            // Eight bytes at a time: skip words whose bytes are all >= 64 or not special (most text is letters).
            // The document rules drop controls, which this probe does not look for, so they go byte by byte.
            if skipsWords, index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if !mayContainSpecial(word, quotes: quotes) {
                    index += 8
                    continue
                }
            }
            let byte = base[index]
            let isSpecial = byte < 64 ? specials & (1 << UInt64(byte)) != 0 : rules == .document && byte == 0x7F
            guard isSpecial else {
                index += 1
                continue
            }
            if runStart < index {
                output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
            }
            let replacement: StaticString
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            // A control the document rules drop.
            default: replacement = ""
            }
            output.append(
                contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            index += 1
            runStart = index
        }
        if runStart < count {
            output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart))
        }
    }

    /// False only when no byte of `word` is `&`, `<`, `>` (or `"` with `quotes`); may report false positives.
    @inline(__always)
    private static func mayContainSpecial(_ word: UInt64, quotes: Bool) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // A byte is zero after XOR exactly when it equals the probe; the classic "has zero byte" test finds it.
        func hasByte(_ probe: UInt64) -> Bool {
            let x = word ^ (ones &* probe)
            return (x &- ones) & ~x & highs != 0
        }
        // '<' (0x3C) and '>' (0x3E) differ in one bit, so one probe with that bit cleared covers both.
        let angle = (word & ~(ones &* 0x02)) ^ (ones &* 0x3C)
        if (angle &- ones) & ~angle & highs != 0 { return true }
        if hasByte(0x26) { return true }
        return quotes && hasByte(0x22)
    }
}
