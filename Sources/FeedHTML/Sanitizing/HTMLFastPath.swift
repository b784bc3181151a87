internal import CLibXML2

/// Sanitizes simple, well-nested HTML without libxml2's HTML parser, feeding the same `HTMLSanitizingWriter`.
///
/// Most feed content is machine-written markup: every element closed in order, attributes quoted, a handful of
/// entities. For that subset, reading tags and text directly is several times faster than libxml2's HTML parser,
/// which copies every character one at a time. Safety does not rest on this reader: the writer applies the same
/// allowlist, URL checks and escaping to whatever it is given, whichever reader feeds it.
///
/// The moment anything falls outside the subset — a comment, an unquoted attribute, an element the allowlist does
/// not keep (script and style among them), an end tag that does not close the innermost element, an element HTML
/// would close implicitly, an unknown entity, a stray `<` — `run` returns false and the caller starts over with
/// libxml2 on a fresh writer. Whatever this reader accepts, libxml2 reads the same way (the differential tests
/// check it).
enum HTMLFastPath {
    /// Feeds `html` to `writer`; false when the input is not in the simple subset (the writer is then spoiled).
    static func run(_ html: UnsafeBufferPointer<UInt8>, into writer: HTMLSanitizingWriter) -> Bool {
        var reader = Reader(input: html, writer: writer)
        return reader.run()
    }

    private struct OpenElement {
        let key: HTMLNameKey
        let kind: Kind
    }

    /// How an element behaves for the purpose of implied end tags.
    private enum Kind: UInt8 {
        /// Phrasing content that nothing closes implicitly.
        case inline
        /// `b`, `i`, `u`, `s`, `tt`, `big`, `small`, `strike`: libxml2 closes them when a block element starts.
        case fontStyle
        /// `a`: closed by another `a` or a block element.
        case anchor
        /// `p` and headings: closed by any block element.
        case paragraph
        /// `li`, `dt`, `dd`, table parts: closed by a sibling of their kind.
        case listOrTablePart
        /// Any other block element.
        case block
    }

    private struct Reader {
        let input: UnsafeBufferPointer<UInt8>
        let writer: HTMLSanitizingWriter
        var index = 0
        var stack: [OpenElement] = []
        /// NUL-terminated attribute names and values of the tag being read, handed to the writer as C strings.
        var scratch: [UInt8] = []
        var offsets: [(name: Int, value: Int?)] = []

        init(input: UnsafeBufferPointer<UInt8>, writer: HTMLSanitizingWriter) {
            self.input = input
            self.writer = writer
            scratch.reserveCapacity(256)
        }

        mutating func run() -> Bool {
            let count = input.count
            var textStart = 0
            // False once the text since `textStart` holds a `>` to escape or a 0xC2 that may lead a C1 control
            // (the writer maps those); while true, the writer copies the run as it is, without looking at it again.
            var plain = true
            guard let start = input.baseAddress else { return true }
            let base = UnsafeRawPointer(start)
            while index < count {
                // Text runs are most of the input: skip eight bytes at a time while none is special.
                if index + 8 <= count, !Self.hasSpecialByte(base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                {
                    index += 8
                    continue
                }
                let byte = input[index]
                if byte >= 0x20 && byte != UInt8(ascii: "<") && byte != UInt8(ascii: "&") && byte != 0xEF
                    && byte != UInt8(ascii: ">") && byte != 0xC2 || byte == 0x09 || byte == 0x0A
                {
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: ">") || byte == 0xC2 {
                    plain = false
                    index += 1
                    continue
                }
                if byte == 0xEF {
                    // U+FFFE and U+FFFF are no characters; libxml2 drops them: leave them to it.
                    if index + 2 < count, input[index + 1] == 0xBF, input[index + 2] >= 0xBE { return false }
                    index += 1
                    continue
                }
                flushText(from: textStart, plain: plain)
                switch byte {
                case UInt8(ascii: "&"):
                    guard decodeReference() else { return false }
                case UInt8(ascii: "<"):
                    guard readTag() else { return false }
                default:
                    // CR, NUL and the other control characters: libxml2 has its own rules for them.
                    return false
                }
                textStart = index
                plain = true
            }
            flushText(from: textStart, plain: plain)
            return stack.isEmpty
        }

        /// True when one of the eight bytes is `<`, `>`, `&`, 0xEF, 0xC2 or below 0x20 (no false negatives).
        @inline(__always)
        private static func hasSpecialByte(_ word: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
            let belowSpace = (word &- ones &* 0x20) & ~word & highs != 0
            // '<' (0x3C) and '>' (0x3E) differ in one bit: one probe with that bit cleared finds both.
            let angle = (word & ~(ones &* 0x02)) ^ (ones &* 0x3C)
            if belowSpace || hasZero(angle) || hasZero(word ^ (ones &* 0x26)) { return true }
            // 0xEF and 0xC2 have the high bit set: words of ASCII, most of them, need not be probed for them.
            return word & highs != 0 && (hasZero(word ^ (ones &* 0xEF)) || hasZero(word ^ (ones &* 0xC2)))
        }

        private func flushText(from start: Int, plain: Bool) {
            guard index > start else { return }
            let text = UnsafeBufferPointer(rebasing: input[start..<index])
            if plain { writer.plainText(text) } else { writer.text(text) }
        }

        // MARK: Tags

        private mutating func readTag() -> Bool {
            let count = input.count
            guard index + 1 < count else { return false }
            if input[index + 1] == UInt8(ascii: "/") {
                index += 2
                guard let key = readName(), index < count else { return false }
                skipSpaces()
                guard index < count, input[index] == UInt8(ascii: ">"), let top = stack.last, top.key == key else {
                    return false
                }
                index += 1
                stack.removeLast()
                writer.endElement()
                return true
            }
            index += 1
            guard let key = readName(),
                let rule = HTMLSanitizationPolicy.elements[key], rule.action == .keep,
                let kind = Self.kind(of: key)
            else { return false }
            if let top = stack.last, Self.wouldImplyEnd(of: top, starting: key, kind: kind) {
                return false
            }
            scratch.removeAll(keepingCapacity: true)
            offsets.removeAll(keepingCapacity: true)
            var selfClosing = false
            while true {
                let hadSpace = skipSpaces()
                guard index < count else { return false }
                let byte = input[index]
                if byte == UInt8(ascii: ">") {
                    index += 1
                    break
                }
                if byte == UInt8(ascii: "/") {
                    guard index + 1 < count, input[index + 1] == UInt8(ascii: ">") else { return false }
                    selfClosing = true
                    index += 2
                    break
                }
                guard hadSpace, readAttribute() else { return false }
            }
            if selfClosing && !rule.isVoid { return false }
            emitStart(rule)
            if rule.isVoid {
                writer.endElement()
            } else {
                stack.append(OpenElement(key: key, kind: kind))
            }
            return true
        }

        /// An element or attribute name: ASCII letters and digits (a letter first), at most 16 bytes.
        private mutating func readName() -> HTMLNameKey? {
            guard let (key, length) = HTMLNameKey.leadingName(of: UnsafeBufferPointer(rebasing: input[index...]))
            else { return nil }
            index += length
            return key
        }

        private mutating func readAttribute() -> Bool {
            let start = index
            while index < input.count {
                let byte = input[index]
                guard
                    Self.isLetter(byte) || Self.isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                        || byte == UInt8(ascii: ":")
                else { break }
                index += 1
            }
            guard index > start, index - start <= 64 else { return false }
            let nameOffset = scratch.count
            appendLowercased(start..<index)
            // A repeated attribute: libxml2 keeps the first; not worth imitating here.
            for earlier in offsets where Self.equalNames(scratch, earlier.name, nameOffset) { return false }
            skipSpaces()
            guard index < input.count, input[index] == UInt8(ascii: "=") else {
                offsets.append((nameOffset, nil))
                return true
            }
            index += 1
            skipSpaces()
            guard index < input.count else { return false }
            let quote = input[index]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return false }
            index += 1
            let valueOffset = scratch.count
            while true {
                // Values are mostly URLs without references: copy each run up to the next byte of note in one go.
                let runStart = index
                while index < input.count {
                    let byte = input[index]
                    if byte == quote || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == 0x0D
                        || byte == 0
                    {
                        break
                    }
                    index += 1
                }
                if index > runStart {
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index]))
                }
                guard index < input.count else { return false }
                let byte = input[index]
                if byte == quote {
                    index += 1
                    break
                }
                guard byte == UInt8(ascii: "&"), let scalar = readReference() else { return false }
                UTF8.encode(scalar) { scratch.append($0) }
            }
            scratch.append(0)
            offsets.append((nameOffset, valueOffset))
            return true
        }

        /// Hands the start tag to the writer with the rule already found, its attributes as libxml2 would list
        /// them; the list lives on the stack, where a heap array cost an allocation per tag.
        private func emitStart(_ rule: HTMLSanitizationPolicy.ElementRule) {
            guard !offsets.isEmpty else { return writer.startKeptElement(rule, nil) }
            scratch.withUnsafeBufferPointer { bytes in
                let base = bytes.baseAddress!
                withUnsafeTemporaryAllocation(of: UnsafePointer<UInt8>?.self, capacity: offsets.count * 2 + 1) {
                    attributes in
                    var slot = 0
                    for offset in offsets {
                        attributes.initializeElement(at: slot, to: base + offset.name)
                        attributes.initializeElement(at: slot + 1, to: offset.value.map { base + $0 })
                        slot += 2
                    }
                    attributes.initializeElement(at: slot, to: nil)
                    writer.startKeptElement(rule, attributes.baseAddress)
                }
            }
        }

        private mutating func appendLowercased(_ range: Range<Int>) {
            for position in range {
                let byte = input[position]
                scratch.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
            scratch.append(0)
        }

        @discardableResult
        private mutating func skipSpaces() -> Bool {
            let start = index
            while index < input.count,
                input[index] == 0x20 || input[index] == 0x09 || input[index] == 0x0A
            {
                index += 1
            }
            return index > start
        }

        // MARK: References

        private mutating func decodeReference() -> Bool {
            guard let scalar = readReference() else { return false }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4) { utf8 in
                var count = 0
                UTF8.encode(scalar) {
                    utf8.initializeElement(at: count, to: $0)
                    count += 1
                }
                writer.text(UnsafeBufferPointer(rebasing: utf8[..<count]))
            }
            return true
        }

        /// `&name;`, `&#123;` or `&#x7B;` at `index`; nil for anything libxml2 might read differently.
        private mutating func readReference() -> Unicode.Scalar? {
            var cursor = index + 1
            let limit = min(input.count, index + 40)
            var value: UInt32 = 0
            if cursor < limit && input[cursor] == UInt8(ascii: "#") {
                cursor += 1
                let hex = cursor < limit && (input[cursor] | 0x20) == UInt8(ascii: "x")
                if hex { cursor += 1 }
                let digitsStart = cursor
                while cursor < limit, cursor - digitsStart < 7 {
                    let byte = input[cursor]
                    if Self.isDigit(byte) {
                        value = value * (hex ? 16 : 10) + UInt32(byte - 0x30)
                    } else if hex, (byte | 0x20) >= 0x61, (byte | 0x20) <= 0x66 {
                        value = value * 16 + UInt32((byte | 0x20) - 0x61 + 10)
                    } else {
                        break
                    }
                    cursor += 1
                }
                guard cursor > digitsStart, cursor < limit, input[cursor] == UInt8(ascii: ";") else { return nil }
            } else {
                let nameStart = cursor
                while cursor < limit, Self.isLetter(input[cursor]) || Self.isDigit(input[cursor]) { cursor += 1 }
                guard cursor > nameStart, cursor < limit, input[cursor] == UInt8(ascii: ";") else { return nil }
                let length = cursor - nameStart
                let description = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length + 1) { name in
                    name.baseAddress!.initialize(from: input.baseAddress! + nameStart, count: length)
                    name.initializeElement(at: length, to: 0)
                    return htmlEntityLookup(name.baseAddress)
                }
                guard let description else { return nil }
                value = description.pointee.value
            }
            // Controls, C1 characters, surrogates and non-characters: left to libxml2's own rules.
            guard value >= 0x20 || value == 0x09 || value == 0x0A else { return nil }
            guard !(0x7F...0x9F).contains(value), value != 0xFFFE, value != 0xFFFF,
                let scalar = Unicode.Scalar(value)
            else { return nil }
            index = cursor + 1
            return scalar
        }

        // MARK: Classification

        private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

        private static func equalNames(_ scratch: [UInt8], _ first: Int, _ second: Int) -> Bool {
            var offset = 0
            while true {
                let a = scratch[first + offset]
                let b = scratch[second + offset]
                if a != b { return false }
                if a == 0 { return true }
                offset += 1
            }
        }

        /// Every element that is not `.block`, with its kind: one probe of a fixed table per tag, where four
        /// seeded-hash `Set` lookups were a sixth of the fast path's time.
        private static let kinds: HTMLNameTable<Kind> = {
            let groups: [(Kind, [StaticString])] = [
                (
                    .inline,
                    [
                        "abbr", "bdi", "bdo", "br", "cite", "code", "del", "dfn", "em", "img", "ins", "kbd", "mark",
                        "q", "samp", "span", "strong", "sub", "sup", "time", "var", "wbr", "picture", "source", "rp",
                        "rt", "ruby",
                    ]
                ),
                (.fontStyle, ["b", "i", "u", "s", "tt", "big", "small", "strike"]),
                (.anchor, ["a"]),
                (.paragraph, ["p", "h1", "h2", "h3", "h4", "h5", "h6"]),
                (
                    .listOrTablePart,
                    ["li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "col", "colgroup"]
                ),
            ]
            return HTMLNameTable(groups.flatMap { kind, names in names.map { (HTMLNameKey($0), kind) } })
        }()

        static func kind(of key: HTMLNameKey) -> Kind? {
            kinds[key] ?? .block
        }

        /// A fixed set of names, probed through `HTMLNameTable`: every `p` and heading is checked against several.
        struct NameSet {
            let names: [StaticString]
            let table: HTMLNameTable<Bool>

            init(_ names: [StaticString]) {
                self.names = names
                table = HTMLNameTable(names.map { (HTMLNameKey($0), true) })
            }

            func contains(_ key: HTMLNameKey) -> Bool { table[key] != nil }

            func union(_ other: NameSet) -> NameSet { NameSet(names + other.names) }
        }

        private static func keys(_ names: [StaticString]) -> NameSet { NameSet(names) }
        private static let listItems = keys(["li"])
        private static let definitionParts = keys(["dt", "dd"])
        private static let tableSections = keys(["thead", "tbody", "tfoot"])
        private static let tableInsides = keys([
            "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "col", "colgroup",
        ])

        /// Elements whose content may be flow content that libxml2 never closes implicitly.
        private static let flowContainers = keys([
            "div", "section", "article", "aside", "header", "footer", "main", "blockquote", "li", "dd", "td", "th",
            "figure", "details", "center",
        ])
        private static let lists = keys(["ul", "ol"])
        private static let tableChildren = keys(["caption", "colgroup", "thead", "tbody", "tfoot", "tr"])
        private static let rowCells = keys(["td", "th"])
        private static let flowOnly: NameSet = listItems.union(definitionParts).union(tableInsides)
            .union(keys(["figcaption", "summary"]))

        /// True unless the start tag `new` inside the open element `top` is a nesting libxml2 keeps as written.
        ///
        /// libxml2 closes elements on its own when certain others start inside them (a `div` closes an open `p`,
        /// `td` closes `span`, `ul` closes `ol`, …). Rather than imitate its whole table, the fast reader accepts
        /// block-level and structural elements only where they plainly belong and declines the rest.
        static func wouldImplyEnd(of top: OpenElement, starting new: HTMLNameKey, kind: Kind) -> Bool {
            switch kind {
            case .inline, .fontStyle:
                return false
            case .anchor:
                return top.kind == .anchor
            case .paragraph, .block, .listOrTablePart:
                break
            }
            let parent = top.key
            if listItems.contains(new) { return !lists.contains(parent) }
            if definitionParts.contains(new) { return parent != HTMLNameKey("dl") }
            if tableChildren.contains(new) && new != HTMLNameKey("tr") { return parent != HTMLNameKey("table") }
            if new == HTMLNameKey("tr") { return !(parent == HTMLNameKey("table") || tableSections.contains(parent)) }
            if rowCells.contains(new) { return parent != HTMLNameKey("tr") }
            if new == HTMLNameKey("col") { return parent != HTMLNameKey("colgroup") && parent != HTMLNameKey("table") }
            if new == HTMLNameKey("figcaption") { return parent != HTMLNameKey("figure") }
            if new == HTMLNameKey("summary") { return parent != HTMLNameKey("details") }
            return !flowContainers.contains(parent) || flowOnly.contains(new)
        }
    }
}
