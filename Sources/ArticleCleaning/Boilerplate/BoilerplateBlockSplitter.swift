internal import FeedHTML

/// One pass over article HTML bytes that splits it into blocks and writes their normalised text.
///
/// Every block-level tag (see `ArticleElement`) and every run of two or more `<br>` is a boundary; the content
/// between two boundaries is a block when it has a word. A block that is the whole content of one element is
/// cut with that element's tags, any other run of inline content as the bytes between its boundaries (a
/// `<br><br>` boundary goes with the block it separates).
struct BoilerplateBlockSplitter {
    /// What a block's run of content started or ended at.
    private enum Boundary {
        case edge
        /// The open tag at `tagStart` of the open block element numbered `serial`.
        case open(serial: Int, tagStart: Int)
        /// The end tag, ending at `tagEnd`, of the block element numbered `serial` (-1 when unmatched).
        case close(serial: Int, tagEnd: Int)
        /// Two or more `<br>`, the first at `start`, the second ending at `end`.
        case breaks(start: Int, end: Int)
        /// A void block element such as `hr`.
        case other
    }

    /// An open block element: where its name is (to match its end tag) and its number.
    private struct OpenBlock {
        var nameStart: Int
        var nameEnd: Int
        var serial: Int
        var element: ArticleElement
        var isCaption: Bool
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var blocks: [BoilerplateBlock] = []
    private(set) var normalizer: BoilerplateNormalizer
    private var index = 0
    private var stack: [OpenBlock] = []
    private var nextSerial = 0
    private var runStart = 0
    private var runBoundary = Boundary.edge
    private var breaksInRow = 0
    /// What the open element the current run started in is, when the run started at its open tag.
    private var runElement: ArticleElement?
    /// Open `figcaption` elements around the current position.
    private var captionDepth = 0
    private var firstBreakStart = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        normalizer = BoilerplateNormalizer(capacity: bytes.count / 2)
    }

    mutating func run() {
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                if consumeMarkup() { continue }
                text(byte)
                index += 1
            } else if byte == UInt8(ascii: "&") {
                if let (scalar, end) = HTMLBytes.characterReference(in: bytes.span, at: index) {
                    index = end
                    if scalar != 0x20 && scalar != 0xA0 { breaksInRow = 0 }
                    normalizer.addScalar(scalar)
                } else {
                    text(byte)
                    index += 1
                }
            } else if byte < 0x80 {
                let (end, sawText) = normalizer.addASCIIText(bytes, from: index)
                if sawText { breaksInRow = 0 }
                index = end
            } else {
                let start = index
                index += 1
                while index < count && bytes[index] >= 0x80 { index += 1 }
                breaksInRow = 0
                normalizer.addUTF8(bytes, from: start, to: index)
            }
        }
        finishRun(contentEnd: count, boundary: .edge)
    }

    @inline(__always)
    private mutating func text(_ byte: UInt8) {
        if byte > 0x20 { breaksInRow = 0 }
        normalizer.addASCII(byte)
    }

    /// Closes the run of content that ends at `contentEnd` where `boundary` starts, making it a block if it has words.
    private mutating func finishRun(contentEnd: Int, boundary: Boundary) {
        defer { breaksInRow = 0 }
        guard normalizer.hasWords else {
            normalizer.discardBlock()
            return
        }
        var range = runStart..<contentEnd
        switch (runBoundary, boundary) {
        case (.open(let openSerial, let tagStart), .close(let closeSerial, let tagEnd)) where openSerial == closeSerial:
            range = tagStart..<tagEnd
        case (_, .breaks(_, let end)):
            range = runStart..<end
        case (.breaks(let start, _), _):
            range = start..<contentEnd
        default:
            break
        }
        var breaksStart: Int? = nil
        if case .breaks(let start, _) = runBoundary { breaksStart = start }
        var element: ArticleElement?
        if case (.open(let openSerial, _), .close(let closeSerial, _)) = (runBoundary, boundary),
            openSerial == closeSerial
        {
            element = runElement
        }
        let finished = normalizer.finishBlock()
        blocks.append(
            BoilerplateBlock(
                range: range, breaksStart: breaksStart, text: finished.text, words: finished.words,
                labelWords: finished.labelWords, isSentence: finished.isSentence,
                labelByColon: finished.labelByColon, wordsBeforeLastColon: finished.wordsBeforeLastColon,
                hasQuote: finished.hasQuote,
                element: element, inCaption: captionDepth > 0))
    }

    /// Starts the next run at `start`, after `boundary`.
    private mutating func startRun(at start: Int, after boundary: Boundary, element: ArticleElement? = nil) {
        runStart = start
        runBoundary = boundary
        runElement = element
    }

    /// Reads a tag, comment or declaration at `index`; false when the `<` is text (as in "a < b").
    private mutating func consumeMarkup() -> Bool {
        let start = index
        let isEnd: Bool
        let nameStart: Int
        let nameEnd: Int
        switch HTMLBytes.markup(in: bytes.span, at: start) {
        case nil:
            return false
        case .other(let end):
            index = end
            return true
        case .tag(let endTag, let name, let end):
            index = end
            isEnd = endTag
            (nameStart, nameEnd) = (name.lowerBound, name.upperBound)
        }
        let element = ArticleElement.of(bytes.span.extracting(nameStart..<nameEnd))
        switch element {
        case .inline:
            // Tags join words as written; `<a>x</a>y` is one word.
            break
        case .cell, .listItem, .list, .preformatted, .block:
            blockTag(
                element: element, isEnd: isEnd, start: start, nameStart: nameStart, nameEnd: nameEnd, end: index)
        case .lineBreak:
            normalizer.addSpace()
            breaksInRow += 1
            if breaksInRow == 1 { firstBreakStart = start }
            if breaksInRow == 2 {
                let boundary = Boundary.breaks(start: firstBreakStart, end: index)
                finishRun(contentEnd: firstBreakStart, boundary: boundary)
                startRun(at: index, after: boundary)
                breaksInRow = 2
            }
        case .rawText:
            if !isEnd { index = HTMLBytes.rawTextEnd(in: bytes.span, from: index, name: nameStart..<nameEnd) }
        }
        return true
    }

    private mutating func blockTag(
        element: ArticleElement, isEnd: Bool, start: Int, nameStart: Int, nameEnd: Int, end: Int
    ) {
        normalizer.addSpace()
        if !isEnd {
            let selfClosing = end >= 2 && bytes[end - 2] == UInt8(ascii: "/")
            if selfClosing || isVoid(nameStart: nameStart, nameEnd: nameEnd) {
                finishRun(contentEnd: start, boundary: .other)
                startRun(at: end, after: .other)
                return
            }
            let serial = nextSerial
            nextSerial += 1
            let boundary = Boundary.open(serial: serial, tagStart: start)
            finishRun(contentEnd: start, boundary: boundary)
            let isCaption = isCaption(nameStart: nameStart, nameEnd: nameEnd)
            stack.append(
                OpenBlock(
                    nameStart: nameStart, nameEnd: nameEnd, serial: serial, element: element, isCaption: isCaption))
            if isCaption { captionDepth += 1 }
            startRun(at: end, after: boundary, element: element)
            return
        }
        var serial = -1
        var closedCaptions = 0
        if let position = stack.lastIndex(where: { sameName($0, nameStart: nameStart, nameEnd: nameEnd) }) {
            serial = stack[position].serial
            closedCaptions = stack[position...].count { $0.isCaption }
            stack.removeSubrange(position...)
        }
        let boundary = Boundary.close(serial: serial, tagEnd: end)
        // The caption's own last run is still inside it.
        finishRun(contentEnd: start, boundary: boundary)
        captionDepth -= closedCaptions
        startRun(at: end, after: boundary)
    }

    private func sameName(_ open: OpenBlock, nameStart: Int, nameEnd: Int) -> Bool {
        guard open.nameEnd - open.nameStart == nameEnd - nameStart else { return false }
        for offset in 0..<(nameEnd - nameStart)
        where bytes[open.nameStart + offset] | 0x20 != bytes[nameStart + offset] | 0x20 {
            return false
        }
        return true
    }

    /// `figcaption`: a figure's caption and credit, never the story's text.
    private func isCaption(nameStart: Int, nameEnd: Int) -> Bool {
        HTMLNameKey(bytes.span.extracting(nameStart..<nameEnd)) == Self.figcaption
    }

    private static let figcaption = HTMLNameKey("figcaption")

    /// `hr` is the one void element that is a block.
    private func isVoid(nameStart: Int, nameEnd: Int) -> Bool {
        nameEnd - nameStart == 2 && bytes[nameStart] | 0x20 == UInt8(ascii: "h")
            && bytes[nameStart + 1] | 0x20 == UInt8(ascii: "r")
    }
}
