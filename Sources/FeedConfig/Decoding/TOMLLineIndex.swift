/// Maps keys of a TOML document to the lines they are written on, because TOMLKit does not expose positions.
///
/// It reads the document the way TOML does (table headers, `[[array]]` headers, dotted and quoted keys, strings of
/// every kind, values spanning lines) but assumes the text already parsed, so it never reports errors. Keys inside
/// inline tables and inline arrays are not indexed: `line(for:)` falls back to the enclosing key or header.
struct TOMLLineIndex {
    private var lines: [KeyPath: Int] = [:]

    init(text: String) {
        var scanner = Scanner(bytes: Array(text.utf8))
        scanner.run { path, line in
            if lines[path] == nil {
                lines[path] = line
            }
        }
    }

    /// The line of `path`, else of its nearest enclosing key or header that is written in the text.
    func line(for path: KeyPath) -> Int? {
        var components = path.components[...]
        while !components.isEmpty {
            if let line = lines[KeyPath(components: Array(components))] {
                return line
            }
            components = components.dropLast()
        }
        return nil
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position = 0
        var line = 1

        init(bytes: [UInt8]) {
            self.bytes = bytes
            // A UTF-8 byte order mark is allowed before the first key.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                position = 3
            }
        }

        mutating func run(record: (KeyPath, Int) -> Void) {
            var table = KeyPath()
            // How many elements each array of tables has so far, to give `[[a]]` and `[a.b]` their indices.
            var arrayCounts: [KeyPath: Int] = [:]
            while true {
                skipBlankLinesAndComments()
                guard position < bytes.count else { return }
                if bytes[position] == UInt8(ascii: "[") {
                    let headerLine = line
                    let isArray = position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "[")
                    position += isArray ? 2 : 1
                    let keys = readKeys()
                    var path = KeyPath()
                    for (offset, key) in keys.enumerated() {
                        path = path.appending(key)
                        if isArray && offset == keys.count - 1 {
                            let count = arrayCounts[path, default: 0]
                            arrayCounts[path] = count + 1
                            path = path.appending(index: count)
                        } else if let count = arrayCounts[path] {
                            path = path.appending(index: count - 1)
                        }
                    }
                    record(path, headerLine)
                    table = path
                    skipToEndOfLine()
                } else {
                    let keyLine = line
                    let keys = readKeys()
                    var path = table
                    for key in keys {
                        path = path.appending(key)
                        record(path, keyLine)
                    }
                    if position < bytes.count && bytes[position] == UInt8(ascii: "=") {
                        position += 1
                    }
                    skipValue()
                }
            }
        }

        private mutating func skipBlankLinesAndComments() {
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    position += 1
                case UInt8(ascii: "\n"):
                    position += 1
                    line += 1
                case UInt8(ascii: "#"):
                    skipComment()
                default:
                    return
                }
            }
        }

        private mutating func skipSpaces() {
            while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t")
            {
                position += 1
            }
        }

        private mutating func skipComment() {
            while position < bytes.count, bytes[position] != UInt8(ascii: "\n") {
                position += 1
            }
        }

        /// Skips the rest of a header line, leaving the newline for `skipBlankLinesAndComments` to count.
        private mutating func skipToEndOfLine() {
            skipComment()
        }

        /// Reads `a.b."c d".'e'` up to the `=` or `]` that ends it.
        private mutating func readKeys() -> [String] {
            var keys: [String] = []
            while position < bytes.count {
                skipSpaces()
                guard position < bytes.count else { break }
                switch bytes[position] {
                case UInt8(ascii: "\""):
                    position += 1
                    keys.append(readBasicString())
                case UInt8(ascii: "'"):
                    position += 1
                    let start = position
                    while position < bytes.count, bytes[position] != UInt8(ascii: "'"),
                        bytes[position] != UInt8(ascii: "\n")
                    {
                        position += 1
                    }
                    keys.append(String(decoding: bytes[start..<position], as: UTF8.self))
                    if position < bytes.count && bytes[position] == UInt8(ascii: "'") {
                        position += 1
                    }
                default:
                    let start = position
                    while position < bytes.count, isBareKeyByte(bytes[position]) {
                        position += 1
                    }
                    keys.append(String(decoding: bytes[start..<position], as: UTF8.self))
                }
                skipSpaces()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ".") else { break }
                position += 1
            }
            return keys
        }

        /// Reads a one-line basic string after its opening quote, decoding escapes, and consumes the closing quote.
        private mutating func readBasicString() -> String {
            var result: [UInt8] = []
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") {
                    break
                }
                position += 1
                guard byte == UInt8(ascii: "\\"), position < bytes.count else {
                    result.append(byte)
                    continue
                }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "b"): result.append(0x08)
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "f"): result.append(0x0C)
                case UInt8(ascii: "r"): result.append(0x0D)
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let length = escape == UInt8(ascii: "u") ? 4 : 8
                    let end = min(position + length, bytes.count)
                    let hex = String(decoding: bytes[position..<end], as: UTF8.self)
                    position = end
                    if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                        result.append(contentsOf: Array(String(Character(scalar)).utf8))
                    }
                default: result.append(escape)
                }
            }
            if position < bytes.count && bytes[position] == UInt8(ascii: "\"") {
                position += 1
            }
            return String(decoding: result, as: UTF8.self)
        }

        /// Skips a value, which may span lines inside brackets or multi-line strings, up to the newline ending it.
        private mutating func skipValue() {
            var depth = 0
            while position < bytes.count {
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    skipString(quote: byte)
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    position += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                    position += 1
                case UInt8(ascii: "#"):
                    skipComment()
                case UInt8(ascii: "\n"):
                    if depth <= 0 {
                        return
                    }
                    line += 1
                    position += 1
                default:
                    position += 1
                }
            }
        }

        private mutating func skipString(quote: UInt8) {
            let isMultiLine =
                position + 2 < bytes.count && bytes[position + 1] == quote && bytes[position + 2] == quote
            let escapes = quote == UInt8(ascii: "\"")
            position += isMultiLine ? 3 : 1
            while position < bytes.count {
                let byte = bytes[position]
                if escapes && byte == UInt8(ascii: "\\") {
                    position += 1
                    if position < bytes.count && bytes[position] == UInt8(ascii: "\n") {
                        line += 1
                    }
                    position += 1
                    continue
                }
                if byte == UInt8(ascii: "\n") {
                    guard isMultiLine else { return }
                    line += 1
                    position += 1
                    continue
                }
                position += 1
                guard byte == quote else { continue }
                if !isMultiLine {
                    return
                }
                if position + 1 < bytes.count && bytes[position] == quote && bytes[position + 1] == quote {
                    position += 2
                    // Up to two more quotes may belong to the content just before the closing delimiter.
                    var extra = 0
                    while extra < 2, position < bytes.count, bytes[position] == quote {
                        position += 1
                        extra += 1
                    }
                    return
                }
            }
        }
    }
}
