/// Quoted-printable encoding (RFC 2045 §6.7) of text bodies, for mail that must survive 7-bit relays.
///
/// Line breaks in the input (CRLF, LF or a lone CR) become CRLF hard breaks; longer lines get soft breaks so that
/// no encoded line exceeds 76 characters. A "." or "From " at the start of an encoded line is encoded too, so that
/// neither SMTP dot-stuffing nor mbox "From " quoting can alter the body.
enum QuotedPrintable {
    /// The longest encoded line, soft-break "=" included.
    static let lineLimit = 76

    /// Appends the encoding of `text` to `output`.
    static func encode(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            encode(bytes, into: &output)
        }
    }

    /// Appends the encoding of `bytes` to `output`.
    static func encode(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.reserveCapacity(output.count + bytes.count + bytes.count / 8 + 16)
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == cr || byte == lf else {
                index += 1
                continue
            }
            encodeLine(UnsafeBufferPointer(rebasing: bytes[lineStart..<index]), into: &output)
            output.append(cr)
            output.append(lf)
            index += byte == cr && index + 1 < bytes.count && bytes[index + 1] == lf ? 2 : 1
            lineStart = index
        }
        if lineStart < bytes.count {
            encodeLine(UnsafeBufferPointer(rebasing: bytes[lineStart...]), into: &output)
        }
    }

    /// Encodes one line without its break, inserting soft breaks as needed.
    private static func encodeLine(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var column = 0
        for index in line.indices {
            let byte = line[index]
            let isLast = index == line.count - 1
            let literal: Bool
            switch byte {
            case space, tab:
                // Trailing whitespace would be stripped in transit, so only inner whitespace stays literal.
                literal = !isLast
            case equals:
                literal = false
            case 33...126:
                literal = true
            default:
                literal = false
            }
            let width = literal ? 1 : 3
            // A soft break needs a column of its own for the "=", except after the line's last character.
            let limit = isLast ? lineLimit : lineLimit - 1
            if column + width > limit {
                output.append(equals)
                output.append(cr)
                output.append(lf)
                column = 0
            }
            if literal && column == 0 && startsProtectedLine(line, at: index) {
                appendEscaped(byte, to: &output)
                column = 3
                continue
            }
            if literal {
                output.append(byte)
            } else {
                appendEscaped(byte, to: &output)
            }
            column += width
        }
    }

    /// Whether an encoded line starting with the byte at `index` would start with "." or "From ".
    private static func startsProtectedLine(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        if line[index] == UInt8(ascii: ".") {
            return true
        }
        guard line.count - index >= 5 else {
            return false
        }
        return line[index] == UInt8(ascii: "F") && line[index + 1] == UInt8(ascii: "r")
            && line[index + 2] == UInt8(ascii: "o") && line[index + 3] == UInt8(ascii: "m")
            && line[index + 4] == space
    }

    private static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(equals)
        output.append(hexDigits[Int(byte >> 4)])
        output.append(hexDigits[Int(byte & 0x0F)])
    }

    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let equals = UInt8(ascii: "=")
    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}
