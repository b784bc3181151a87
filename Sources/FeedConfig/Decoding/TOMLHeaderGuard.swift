/// Finds the table headers TOMLKit cannot be given: toml++ 3 asserts, instead of reporting an error, when a header's
/// key begins with a character that starts no key (`[é]`, `[!x]`, `[[ [a]]]`, a `[` alone on its line).
///
/// SwiftPM defines no `NDEBUG` for C++ targets, in release builds either, so that assertion aborts feedd and
/// feedctl on a typo in feedd.toml (found by `make fuzz`). The scan follows just enough TOML to know a header from
/// an array value and from text in strings and comments: a `[` first on a line, outside any string, array or inline
/// table, is a header.
enum TOMLHeaderGuard {
    /// The 1-based line and the offending character of the first such header, or nil when there is none.
    static func firstBadHeader(in text: String) -> (line: Int, found: String)? {
        let bytes = Array(text.utf8)
        var index = 0
        var line = 1
        var depth = 0
        var atLineStart = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "[") && atLineStart && depth == 0, let found = badKeyStart(bytes, header: index) {
                return (line, found)
            }
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                atLineStart = true
                index += 1
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                index += 1
                continue
            case UInt8(ascii: "#"):
                while index + 1 < bytes.count && bytes[index + 1] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                index = endOfString(bytes, from: index, line: &line) - 1
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            default:
                break
            }
            atLineStart = false
            index += 1
        }
        return nil
    }

    /// What follows the header's `[` (or `[[`) and blanks, when toml++ would assert on it.
    private static func badKeyStart(_ bytes: [UInt8], header: Int) -> String? {
        var index = header + 1
        let isArrayOfTables = index < bytes.count && bytes[index] == UInt8(ascii: "[")
        if isArrayOfTables { index += 1 }
        while index < bytes.count && (bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t")) {
            index += 1
        }
        guard index < bytes.count else { return nil }
        let byte = bytes[index]
        let startsKey =
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
            // toml++ reports these itself: an empty header, and `[ [` with a blank between the brackets.
            || byte == UInt8(ascii: "]") || (byte == UInt8(ascii: "[") && !isArrayOfTables)
        if startsKey { return nil }
        if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return "end of line" }
        let scalar = String(decoding: bytes[index..<min(bytes.count, index + 4)], as: UTF8.self).unicodeScalars.first
        return scalar.map { "'\($0.escaped(asASCII: false))'" } ?? "?"
    }

    /// The index just after the string starting at `start` (basic or literal, single- or multi-line), counting the
    /// lines it spans. An unterminated single-line string ends at its line's end, as TOML's does.
    private static func endOfString(_ bytes: [UInt8], from start: Int, line: inout Int) -> Int {
        let quote = bytes[start]
        let isBasic = quote == UInt8(ascii: "\"")
        let isMultiLine = start + 2 < bytes.count && bytes[start + 1] == quote && bytes[start + 2] == quote
        var index = start + (isMultiLine ? 3 : 1)
        while index < bytes.count {
            let byte = bytes[index]
            if isBasic && byte == UInt8(ascii: "\\") {
                if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") { line += 1 }
                index += 2
                continue
            }
            if byte == UInt8(ascii: "\n") {
                if !isMultiLine { return index }
                line += 1
            }
            if byte == quote {
                guard isMultiLine else { return index + 1 }
                if index + 2 < bytes.count && bytes[index + 1] == quote && bytes[index + 2] == quote {
                    // Up to two quotes may end the content just before the closing three.
                    var end = index + 3
                    while end < bytes.count && end < index + 5 && bytes[end] == quote { end += 1 }
                    return end
                }
            }
            index += 1
        }
        return bytes.count
    }
}
