internal import FeedHTML

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
        if value == 0xA0 || (value < 0x80 && UInt8(value).isHTMLWhitespace) {
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
        switch HTMLBytes.markup(in: bytes.span, at: index) {
        case nil:
            return false
        case .other(let end):
            index = end
            return true
        case .tag(let isEnd, let nameRange, let end):
            index = end
            let element = ArticleElement.of(bytes.span.extracting(nameRange))
            if element != .inline { handle(element, isEnd: isEnd, name: nameRange) }
            return true
        }
    }

    private mutating func handle(_ element: ArticleElement, isEnd: Bool, name: Range<Int>) {
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
            if !isEnd { index = HTMLBytes.rawTextEnd(in: bytes.span, from: index, name: name) }
        }
    }

    // MARK: Character references

    /// Decodes a character reference at `index`; false when the `&` is text (as in "AT&T").
    private mutating func consumeReference() -> Bool {
        guard let (scalar, end) = HTMLBytes.characterReference(in: bytes.span, at: index) else { return false }
        index = end
        appendScalar(scalar)
        return true
    }
}
