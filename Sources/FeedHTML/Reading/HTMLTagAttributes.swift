/// The attributes of one start tag, read as browsers read them: names folded to lower case, values unquoted
/// (double, single or no quotes) with their character references decoded; a name without `=` has the empty value.
struct HTMLTagAttributes {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index: Int
    private let end: Int

    /// The attributes of the tag whose name ends at `nameEnd` and whose `>` is at `tagEnd - 1`.
    init(in bytes: UnsafeBufferPointer<UInt8>, nameEnd: Int, tagEnd: Int) {
        self.bytes = bytes
        index = nameEnd
        end = tagEnd - 1
    }

    /// The next attribute as (lower-cased name, decoded value), or nil after the last.
    mutating func next() -> (name: [UInt8], value: String)? {
        while index < end && (bytes[index].isHTMLWhitespace || bytes[index] == UInt8(ascii: "/")) { index += 1 }
        guard index < end else { return nil }
        var name: [UInt8] = []
        // The first byte belongs to the name even if it is `=`, as in browsers.
        repeat {
            let byte = bytes[index]
            name.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            index += 1
        } while index < end && !bytes[index].isHTMLWhitespace && bytes[index] != UInt8(ascii: "/")
            && bytes[index] != UInt8(ascii: "=")
        var lookahead = index
        while lookahead < end && bytes[lookahead].isHTMLWhitespace { lookahead += 1 }
        guard lookahead < end, bytes[lookahead] == UInt8(ascii: "=") else { return (name, "") }
        index = lookahead + 1
        while index < end && bytes[index].isHTMLWhitespace { index += 1 }
        let valueStart: Int
        let valueEnd: Int
        if index < end, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
            let quote = bytes[index]
            valueStart = index + 1
            var close = valueStart
            while close < end && bytes[close] != quote { close += 1 }
            valueEnd = close
            index = min(close + 1, end)
        } else {
            valueStart = index
            while index < end && !bytes[index].isHTMLWhitespace { index += 1 }
            valueEnd = index
        }
        return (name, decoded(valueStart..<valueEnd))
    }

    private func decoded(_ range: Range<Int>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var position = range.lowerBound
        while position < range.upperBound {
            let value = UnsafeBufferPointer(rebasing: bytes[..<range.upperBound])
            if bytes[position] == UInt8(ascii: "&"),
                let (scalar, after) = HTMLBytes.characterReference(in: value, at: position)
            {
                output.append(contentsOf: (Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8)
                position = after
            } else {
                output.append(bytes[position])
                position += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
