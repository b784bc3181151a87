/// Escapes text for HTML output.
enum HTMLEscaping {
    /// `s` with `&`, `<` and `>` escaped, ready to place between tags.
    static func escapeText(_ s: String) -> String {
        var needsWork = false
        for byte in s.utf8 where byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") {
            needsWork = true
            break
        }
        guard needsWork else { return s }
        var output: [UInt8] = []
        output.reserveCapacity(s.utf8.count + 16)
        var copy = s
        copy.withUTF8 { appendEscapedText($0, to: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `bytes` to `output` with `&`, `<` and `>` escaped.
    static func appendEscapedText(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        appendEscaped(bytes, to: &output, quotes: false)
    }

    /// Appends `bytes` to `output` escaped for a double-quoted attribute value (`&`, `"`, `<`, `>`).
    static func appendEscapedAttribute(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        appendEscaped(bytes, to: &output, quotes: true)
    }

    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8], quotes: Bool) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        // Bit n is set when byte n (< 64) must be escaped.
        let specials: UInt64 = (1 << 38) | (1 << 60) | (1 << 62) | (quotes ? 1 << 34 : 0)
        var runStart = 0
        var index = 0
        while index < count {
            // Eight bytes at a time: skip words whose bytes are all >= 64 or not special (most text is letters).
            if index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if !mayContainSpecial(word, quotes: quotes) {
                    index += 8
                    continue
                }
            }
            let byte = base[index]
            guard byte < 64, specials & (1 << UInt64(byte)) != 0 else {
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
            default: replacement = "&quot;"
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
