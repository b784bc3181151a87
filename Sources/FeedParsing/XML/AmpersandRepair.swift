internal import CLibXML2
import Glibc

/// Turns the bare `&` of malformed feeds (`AT&T`, `?a=1&b=2`) into `&amp;` before libxml2 sees them.
///
/// XML allows `&` only to start a reference, yet feeds are full of bare ones. libxml2 in recovery mode drops such an
/// `&` and the text that follows up to the next markup, so "AT&T" would read "AT". Browsers and feedparser read the
/// `&` as a character: so does feedd. References (`&amp;`, `&#38;`, `&#x26;`, `&nbsp;`) and the contents of CDATA
/// sections and comments are left alone. Streaming: a chunk that ends where the answer is not yet known (inside a
/// possible reference or a `<![CDATA[` opener) keeps that tail for the next chunk. One instance per document.
struct AmpersandRepair {
    private enum State {
        case markup
        case cdata
        case comment
    }

    /// How many `&` were repaired.
    private(set) var repairs = 0
    private var state = State.markup
    private var carry: [UInt8] = []

    private static let escapedAmpersand: [UInt8] = Array("&amp;".utf8)

    /// The longest reference kept as one (`&` + name or number + `;`); longer is not a reference.
    private static let maximumReferenceLength = 48

    /// Processes the next piece of UTF-8; calls `emit` with the repaired bytes. With `isFinal`, nothing is held back.
    mutating func process(_ input: UnsafeRawBufferPointer, isFinal: Bool, emit: (UnsafeRawBufferPointer) -> Void) {
        process(input, isFinal: isFinal, emit: emit, sectionText: emit)
    }

    /// Like `process(_:isFinal:emit:)`, but the text of a CDATA section read whole in this piece goes to
    /// `sectionText` (after `emit` was given everything up to its `<![CDATA[`, and before the `]]>`), so that the
    /// caller can hand it on without making libxml2 read it: libxml2 reads a section's text three times over.
    mutating func process(
        _ input: UnsafeRawBufferPointer, isFinal: Bool, emit: (UnsafeRawBufferPointer) -> Void,
        sectionText: (UnsafeRawBufferPointer) -> Void
    ) {
        if carry.isEmpty {
            scan(input.assumingMemoryBound(to: UInt8.self), isFinal: isFinal, emit: emit, sectionText: sectionText)
        } else {
            // Rare: the previous chunk ended inside an undecided token.
            var joined = carry
            carry = []
            joined.append(contentsOf: input)
            joined.withUnsafeBufferPointer {
                scan($0, isFinal: isFinal, emit: emit, sectionText: sectionText)
            }
        }
    }

    private enum Verdict {
        case keep(Int)
        /// A character reference to write differently (see `reference`).
        case rewrite(Int, [UInt8])
        case bare
        case needMore
    }

    private mutating func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool, emit: (UnsafeRawBufferPointer) -> Void,
        sectionText: (UnsafeRawBufferPointer) -> Void
    ) {
        let count = bytes.count
        var index = 0
        var runStart = 0
        var stop = count
        // Where the text of the CDATA section being read starts, when its opener is in these bytes.
        var sectionStart: Int?
        func emitRun(upTo end: Int) {
            if end > runStart { emit(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[runStart..<end])) }
        }
        scanning: while index < count {
            switch state {
            case .markup:
                index = Self.skipToAmpersandOrTag(bytes, from: index)
                guard index < count else { break scanning }
                if bytes[index] == UInt8(ascii: "<") {
                    switch Self.opener(bytes, at: index) {
                    case .keep(let length) where length == 9:
                        state = .cdata
                        index += length
                        sectionStart = index
                    case .keep(let length):
                        state = .comment
                        index += length
                    case .needMore where !isFinal:
                        stop = index
                        break scanning
                    default:
                        index += 1
                    }
                    continue
                }
                switch Self.reference(bytes, at: index) {
                case .keep(let length):
                    index += length
                case .rewrite(let length, let replacement):
                    emitRun(upTo: index)
                    replacement.withUnsafeBytes { emit($0) }
                    index += length
                    runStart = index
                case .needMore where !isFinal:
                    stop = index
                    break scanning
                case .bare, .needMore:
                    emitRun(upTo: index)
                    Self.escapedAmpersand.withUnsafeBytes { emit($0) }
                    repairs += 1
                    index += 1
                    runStart = index
                }
            case .cdata, .comment:
                let closer: StaticString = state == .cdata ? "]]>" : "-->"
                let first = closer.utf8Start[0]
                // CDATA sections hold whole articles: let memchr skip through them.
                guard let found = memchr(bytes.baseAddress! + index, Int32(first), count - index) else {
                    index = count
                    break scanning
                }
                index = bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if index + 3 > count {
                    if isFinal { break scanning }
                    stop = index
                    break scanning
                }
                if bytes[index + 1] == closer.utf8Start[1] && bytes[index + 2] == closer.utf8Start[2] {
                    if state == .cdata, let start = sectionStart, index > start {
                        emitRun(upTo: start)
                        sectionText(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<index]))
                        runStart = index
                    }
                    sectionStart = nil
                    state = .markup
                    index += 3
                } else {
                    index += 1
                }
            }
        }
        emitRun(upTo: stop)
        if stop < count { carry = Array(bytes[stop...]) }
    }

    /// The index of the first `&` or `<` from `start` on, or the count: eight bytes at a time while a word holds
    /// neither (titles, links and markup between the CDATA sections memchr skips).
    @inline(__always)
    private static func skipToAmpersandOrTag(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let count = bytes.count
        var index = start
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while index &+ 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                // A zero byte in word ^ pattern marks the byte; the test finds any zero byte, never a false one.
                let ampersands = word ^ (ones &* 0x26)
                let tags = word ^ (ones &* 0x3C)
                let found = ((ampersands &- ones) & ~ampersands | (tags &- ones) & ~tags) & highs
                if found != 0 { break }
                index &+= 8
            }
        }
        while index < count && bytes[index] != UInt8(ascii: "&") && bytes[index] != UInt8(ascii: "<") {
            index += 1
        }
        return index
    }

    /// At a `<`: `<![CDATA[` (9 bytes) or `<!--` (4 bytes), `.bare` for anything else.
    private static func opener(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Verdict {
        // Both openers start `<!`; every other tag is answered here, without walking the patterns.
        if start + 1 < bytes.count && bytes[start + 1] != UInt8(ascii: "!") { return .bare }
        for (pattern, length) in [("<![CDATA[", 9), ("<!--", 4)] {
            var matched = true
            var complete = true
            for (offset, expected) in pattern.utf8.enumerated() {
                guard start + offset < bytes.count else {
                    complete = false
                    break
                }
                if bytes[start + offset] != expected {
                    matched = false
                    break
                }
            }
            if matched && complete { return .keep(length) }
            if matched && !complete { return .needMore }
        }
        return .bare
    }

    /// At an `&`: the length of the reference it starts, `.bare` when it starts none.
    ///
    /// Two kinds of character reference are rewritten the way browsers read them: `&#X41;` (XML wants a lower-case
    /// x) and references to 128–159, which in practice always mean the windows-1252 characters (`&#146;` for ’)
    /// and in XML would be C1 control characters.
    private static func reference(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Verdict {
        var index = start + 1
        let limit = min(bytes.count, start + maximumReferenceLength)
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66) }
        func isNameStart(_ byte: UInt8) -> Bool {
            ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
                || byte >= 0x80
        }
        func isName(_ byte: UInt8) -> Bool {
            isNameStart(byte) || isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        guard index < limit else { return limit < start + maximumReferenceLength ? .needMore : .bare }
        var accepts: (UInt8) -> Bool = isName
        var numeric = false
        var hex = false
        var upperX = false
        if bytes[index] == UInt8(ascii: "#") {
            numeric = true
            index += 1
            guard index < limit else { return limit == bytes.count ? .needMore : .bare }
            if bytes[index] | 0x20 == UInt8(ascii: "x") {
                hex = true
                upperX = bytes[index] == UInt8(ascii: "X")
                index += 1
                accepts = isHex
            } else {
                accepts = isDigit
            }
        } else if !isNameStart(bytes[index]) {
            return .bare
        }
        let bodyStart = index
        while index < limit && accepts(bytes[index]) { index += 1 }
        guard index < limit else {
            return limit == bytes.count && limit < start + maximumReferenceLength ? .needMore : .bare
        }
        guard bytes[index] == UInt8(ascii: ";") && index > bodyStart else { return .bare }
        let length = index + 1 - start
        guard numeric else { return named(bytes, from: bodyStart, to: index, length: length) }
        var value: UInt32 = 0
        for position in bodyStart..<index where value < 0x11_0000 {
            let byte = bytes[position] | (hex ? 0x20 : 0)
            value = value * (hex ? 16 : 10) + UInt32(byte <= 0x39 ? byte - 0x30 : byte - 0x61 + 10)
        }
        if (0x80...0x9F).contains(value), let mapped = windows1252[Int(value - 0x80)] {
            return .rewrite(length, Array("&#\(mapped);".utf8))
        }
        if upperX {
            return .rewrite(
                length, [UInt8(ascii: "&"), UInt8(ascii: "#"), UInt8(ascii: "x")] + Array(bytes[bodyStart...index]))
        }
        return .keep(length)
    }

    /// A named reference: XML's five stay; HTML's (`&eacute;`, `&nbsp;`), which feeds use without declaring them,
    /// become numeric references, which libxml2 reads everywhere (in attribute values too, where it would keep only
    /// the first byte of an entity's text). Other names stay, for libxml2 to report as undefined.
    private static func named(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, length: Int) -> Verdict
    {
        let name = bytes[start..<end]
        if name.elementsEqual("amp".utf8) || name.elementsEqual("lt".utf8) || name.elementsEqual("gt".utf8)
            || name.elementsEqual("quot".utf8) || name.elementsEqual("apos".utf8) || name.count > 16
        {
            return .keep(length)
        }
        var cName = Array(name)
        cName.append(0)
        guard let entity = cName.withUnsafeBufferPointer({ htmlEntityLookup($0.baseAddress) }) else {
            return .keep(length)
        }
        return .rewrite(length, Array("&#\(entity.pointee.value);".utf8))
    }

    /// Windows-1252's characters for bytes 0x80–0x9F (nil where it has none).
    private static let windows1252: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil,
        0x017D, nil, nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, nil, 0x017E, 0x0178,
    ]
}
