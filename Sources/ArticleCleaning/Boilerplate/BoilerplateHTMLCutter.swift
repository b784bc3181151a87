internal import FeedHTML

/// Cuts byte ranges out of article HTML and removes the elements the cuts leave empty.
///
/// An element is removed when a cut fell inside it and it has no text or media left (`<div></div>`,
/// `<p><a href="…"></a></p>`, `<figure></figure>`); elements that were empty before stay. End tags whose start
/// tag was cut are dropped and start tags whose end tag was cut get one, so the result stays well-formed.
struct BoilerplateHTMLCutter {
    /// An element open in the output.
    private struct OpenElement {
        var nameStart: Int
        var nameEnd: Int
        var outputStart: Int
        var hasContent = false
        var hadCut = false
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var output: [UInt8] = []
    private var stack: [OpenElement] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        output.reserveCapacity(bytes.count)
    }

    /// The HTML less `cuts` (sorted by start; overlapping or touching ranges are fine).
    static func cut(_ html: String, removing cuts: [Range<Int>]) -> String {
        var copy = html
        return copy.withUTF8 { bytes in
            var cutter = BoilerplateHTMLCutter(bytes: bytes)
            cutter.run(cuts: cuts)
            return String(decoding: cutter.output, as: UTF8.self)
        }
    }

    private mutating func run(cuts: [Range<Int>]) {
        var index = 0
        var nextCut = 0
        let count = bytes.count
        while index < count {
            while nextCut < cuts.count && cuts[nextCut].upperBound <= index { nextCut += 1 }
            if nextCut < cuts.count && cuts[nextCut].lowerBound <= index {
                index = cuts[nextCut].upperBound
                if !stack.isEmpty { stack[stack.count - 1].hadCut = true }
                continue
            }
            let limit = nextCut < cuts.count ? cuts[nextCut].lowerBound : count
            if bytes[index] == UInt8(ascii: "<"), let end = markup(at: index, limit: limit) {
                index = end
                continue
            }
            // Text up to the next tag or cut, copied at once.
            var end = index + 1
            var hasText = bytes[index] > 0x20
            while end < limit && bytes[end] != UInt8(ascii: "<") {
                if !hasText && bytes[end] > 0x20 { hasText = true }
                end += 1
            }
            if hasText && !stack.isEmpty { stack[stack.count - 1].hasContent = true }
            copy(index, end)
            index = end
        }
        while let open = stack.popLast() { close(open, writing: true) }
        trimWhitespace()
    }

    /// Handles the markup at `start`; the position after it, or nil when the `<` is text.
    private mutating func markup(at start: Int, limit: Int) -> Int? {
        let isEnd: Bool
        let nameStart: Int
        let nameEnd: Int
        let end: Int
        switch HTMLBytes.markup(in: bytes.span, at: start) {
        case nil:
            return nil
        case .other(let otherEnd):
            copy(start, min(otherEnd, limit))
            return min(otherEnd, limit)
        case .tag(let endTag, let name, let tagEnd):
            // A tag cut by the limit is text to the cutter.
            guard tagEnd <= limit else { return nil }
            (isEnd, nameStart, nameEnd, end) = (endTag, name.lowerBound, name.upperBound, tagEnd)
        }
        if isEnd {
            guard let position = stack.lastIndex(where: { sameName($0, nameStart, nameEnd) }) else {
                // Its start tag was cut.
                return end
            }
            while stack.count > position + 1, let inner = stack.popLast() { close(inner, writing: true) }
            if let open = stack.popLast() { close(open, writing: false, tag: start..<end) }
            return end
        }
        let name = UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd])
        let selfClosing = bytes[end - 2] == UInt8(ascii: "/")
        if Self.isMedia(name), !stack.isEmpty { stack[stack.count - 1].hasContent = true }
        if selfClosing || Self.isVoid(name) {
            copy(start, end)
            return end
        }
        if ArticleElement.of(bytes.span.extracting(nameStart..<nameEnd)) == .rawText {
            let rawEnd = min(HTMLBytes.rawTextEnd(in: bytes.span, from: end, name: nameStart..<nameEnd), limit)
            if !stack.isEmpty { stack[stack.count - 1].hasContent = true }
            copy(start, rawEnd)
            return rawEnd
        }
        stack.append(OpenElement(nameStart: nameStart, nameEnd: nameEnd, outputStart: output.count))
        copy(start, end)
        return end
    }

    /// Ends `open`: removed when a cut left it empty, otherwise closed with `tag` or a written end tag.
    private mutating func close(_ open: OpenElement, writing: Bool, tag: Range<Int>? = nil) {
        if open.hadCut && !open.hasContent {
            output.removeSubrange(open.outputStart...)
            if !stack.isEmpty { stack[stack.count - 1].hadCut = true }
            return
        }
        if let tag {
            copy(tag.lowerBound, tag.upperBound)
        } else if writing {
            output.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[open.nameStart..<open.nameEnd]))
            output.append(UInt8(ascii: ">"))
        }
        if open.hasContent && !stack.isEmpty { stack[stack.count - 1].hasContent = true }
    }

    private mutating func copy(_ start: Int, _ end: Int) {
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    private func sameName(_ open: OpenElement, _ nameStart: Int, _ nameEnd: Int) -> Bool {
        guard open.nameEnd - open.nameStart == nameEnd - nameStart else { return false }
        for offset in 0..<(nameEnd - nameStart)
        where bytes[open.nameStart + offset] | 0x20 != bytes[nameStart + offset] | 0x20 {
            return false
        }
        return true
    }

    private mutating func trimWhitespace() {
        while let last = output.last, last == 0x20 || last == 0x0A || last == 0x09 || last == 0x0D {
            output.removeLast()
        }
        var leading = 0
        while leading < output.count,
            output[leading] == 0x20 || output[leading] == 0x0A || output[leading] == 0x09
                || output[leading] == 0x0D
        {
            leading += 1
        }
        if leading > 0 { output.removeFirst(leading) }
    }

    private static func isVoid(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        matches(name, in: voidNames)
    }

    /// Elements that are content without text.
    private static func isMedia(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        matches(name, in: mediaNames)
    }

    private static let voidNames: [StaticString] = [
        "br", "img", "hr", "wbr", "input", "source", "track", "area", "embed", "col", "param", "meta", "link", "base",
    ]
    private static let mediaNames: [StaticString] = [
        "img", "video", "audio", "iframe", "embed", "object", "svg", "picture", "canvas", "math", "input",
    ]

    private static func matches(_ name: UnsafeBufferPointer<UInt8>, in list: [StaticString]) -> Bool {
        for candidate in list where candidate.utf8CodeUnitCount == name.count {
            var equal = true
            for offset in 0..<name.count where name[offset] | 0x20 != candidate.utf8Start[offset] {
                equal = false
                break
            }
            if equal { return true }
        }
        return false
    }
}
