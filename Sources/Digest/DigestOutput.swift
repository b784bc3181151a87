internal import FeedHTML

/// A growing UTF-8 document with the escaping each digest format needs; appends bytes, converts once at the end.
struct DigestOutput {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends `text` as it is.
    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends `text` for HTML text or a quoted attribute: `& < > " '` become character references.
    ///
    /// C0 controls other than tab and line breaks are dropped: HTML allows none, they come from broken feeds and
    /// carry nothing.
    mutating func appendHTML(_ text: String) {
        HTMLEscaping.appendEscapedDocumentText(text, to: &bytes)
    }

    /// Appends `text` for Markdown inline text: every metacharacter that could start markup is backslash-escaped.
    ///
    /// With `atLineStart`, characters that only matter at the start of a line ("#", "-", "+", "1.") are escaped
    /// too. Newlines become spaces so the text cannot break out of its block.
    mutating func appendMarkdown(_ text: String, atLineStart: Bool) {
        var lineStart = atLineStart
        var digitsAtStart = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "~"),
                UInt8(ascii: "&"), UInt8(ascii: "!"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="):
                if lineStart { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(byte)
            case UInt8(ascii: "."), UInt8(ascii: ")"):
                // "1." or "1)" at the start of a line would begin an ordered list.
                if digitsAtStart { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(byte)
            case 0x0A, 0x0D, 0x09:
                bytes.append(0x20)
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F:
                break
            default:
                bytes.append(byte)
            }
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            digitsAtStart = isDigit && (lineStart || digitsAtStart)
            lineStart = false
        }
    }

    /// Appends `url` as a Markdown link destination: characters that would end or confuse it are percent-encoded.
    mutating func appendMarkdownURL(_ url: String) {
        for byte in url.utf8 {
            switch byte {
            case UInt8(ascii: "("): append("%28")
            case UInt8(ascii: ")"): append("%29")
            case UInt8(ascii: "<"): append("%3C")
            case UInt8(ascii: ">"): append("%3E")
            case UInt8(ascii: "\\"): append("%5C")
            case UInt8(ascii: " "): append("%20")
            default: bytes.append(byte)
            }
        }
    }

    /// Appends `text` wrapped at `width` columns, every line starting with `indent`, then a newline.
    ///
    /// Words longer than a line (URLs) stay whole on their own line. Columns are Unicode scalars, which is exact
    /// for the Latin, Greek and Cyrillic text feeds mostly carry.
    mutating func appendWrapped(_ text: String, width: Int, indent: String, firstIndent: String? = nil) {
        let first = firstIndent ?? indent
        append(first)
        var column = first.unicodeScalars.count
        let indentWidth = indent.unicodeScalars.count
        var lineHasWord = false
        var word: [UInt8] = []
        var wordWidth = 0
        func flushWord(_ output: inout DigestOutput) {
            guard !word.isEmpty else { return }
            if lineHasWord && column + 1 + wordWidth > width {
                output.bytes.append(0x0A)
                output.append(indent)
                column = indentWidth
                lineHasWord = false
            }
            if lineHasWord {
                output.bytes.append(0x20)
                column += 1
            }
            output.bytes.append(contentsOf: word)
            column += wordWidth
            lineHasWord = true
            word.removeAll(keepingCapacity: true)
            wordWidth = 0
        }
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                flushWord(&self)
            } else if byte < 0x20 || byte == 0x7F {
                continue
            } else {
                word.append(byte)
                if byte & 0xC0 != 0x80 { wordWidth += 1 }
            }
        }
        flushWord(&self)
        bytes.append(0x0A)
    }
}
