internal import FeedHTML

/// The streaming input decoder of the XML feed parser: turns a feed's raw bytes, in whatever encoding, into valid
/// UTF-8 that libxml2 parses with `XML_PARSE_IGNORE_ENC`.
///
/// The encoding is chosen from, in order: a byte order mark (stripped), the HTTP charset, the XML declaration (found
/// in UTF-16 or UTF-32 too, by the `<?` byte patterns of XML appendix F), else UTF-8. Input is held back until the
/// choice can be made (at most 1024 bytes, or up to the end of the declaration). Bytes that are invalid in the chosen
/// encoding become windows-1252 characters (U+FFFD for UTF-16 and UTF-32 code units) and set `usedFallback`;
/// characters XML 1.0 forbids (C0 controls other than TAB, LF, CR; U+FFFE; U+FFFF) are dropped.
///
/// Every piece passed to `emit` is valid UTF-8 made of complete characters, only valid during the call; valid UTF-8
/// input is passed on without copying. Memory stays bounded (about 64 KB) whatever the input size. A decoder is used
/// by one parse on one thread; do not copy it once decoding has started (copies share the iconv state).
struct InputDecoder {
    private enum Mode {
        case sniffing
        case utf8
        case singleByte(SingleByteTable)
        case iconv(IconvConverter)
    }

    /// How many bytes sniffing may hold back before it must decide.
    static let sniffLimit = 1024

    /// The encoding actually used, e.g. "utf-8", "windows-1252", "utf-16le", "iso-8859-1", "shift_jis".
    private(set) var encoding = "utf-8"
    /// True when the declared or detected encoding was wrong and a fallback was used (the feed is then "bozo").
    private(set) var usedFallback = false
    /// One-line descriptions of what went wrong, each recorded once.
    private(set) var problems: [String] = []

    private var mode = Mode.sniffing
    private var writer = UTF8Writer()
    /// The HTTP charset, resolved once; nil when absent or unknown.
    private let httpEncoding: InputEncoding?
    private let httpLabel: String
    /// Where the encoding came from, for problem messages: "declared encoding 'utf-8'".
    private var source = "assumed encoding utf-8"
    /// Bytes held back while sniffing.
    private var pending: [UInt8] = []
    /// The valid start of an incomplete UTF-8 sequence at the end of the previous chunk (at most 3 bytes).
    private var carry: (UInt8, UInt8, UInt8) = (0, 0, 0)
    private var carryCount = 0
    private var reportedInvalid = false
    private var finished = false

    /// Creates a decoder; `httpCharset` is the `charset` parameter of the HTTP Content-Type, if there was one.
    init(httpCharset: String?) {
        let label = httpCharset ?? ""
        httpLabel = label
        if label.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" }) {
            httpEncoding = nil
        } else if let resolved = InputEncoding.resolve(label) {
            httpEncoding = resolved
        } else {
            httpEncoding = nil
            usedFallback = true
            problems.append("unknown HTTP charset '\(label)'; ignored")
        }
    }

    /// Decodes the next chunk; calls `emit` zero or more times with UTF-8 bytes (valid, complete sequences only).
    mutating func decode(_ chunk: UnsafeRawBufferPointer, emit: (UnsafeRawBufferPointer) -> Void) {
        guard !finished, let start = chunk.baseAddress, !chunk.isEmpty else { return }
        let bytes = UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: chunk.count)
        if case .sniffing = mode {
            sniffThenDecode(bytes, emit: emit)
        } else {
            process(bytes, isFinal: false, emit: emit)
        }
        writer.flush(emit: emit)
        reportInvalidBytes()
    }

    /// Flushes what is held back (an incomplete sequence at the end becomes the fallback's characters).
    ///
    /// Records the problem about dropped characters, if any; call it once, after the last `decode`.
    mutating func finish(emit: (UnsafeRawBufferPointer) -> Void) {
        guard !finished else { return }
        if case .sniffing = mode {
            let held = pending
            pending = []
            held.withUnsafeBufferPointer { buffer in
                let bomLength = choose(sniffing: buffer, isFinal: true) ?? 0
                process(UnsafeBufferPointer(rebasing: buffer[bomLength...]), isFinal: true, emit: emit)
            }
        } else {
            process(UnsafeBufferPointer(start: nil, count: 0), isFinal: true, emit: emit)
        }
        finished = true
        writer.flush(emit: emit)
        reportInvalidBytes()
        if writer.droppedCount > 0 {
            let count = writer.droppedCount
            problems.append(
                "removed \(count) character\(count == 1 ? "" : "s") not allowed in XML (control characters, "
                    + "U+FFFE, U+FFFF)")
        }
    }

    /// Holds `bytes` back until the encoding can be chosen, then decodes what was held and the rest.
    private mutating func sniffThenDecode(_ bytes: UnsafeBufferPointer<UInt8>, emit: (UnsafeRawBufferPointer) -> Void) {
        if pending.isEmpty {
            // The usual case: the first chunk holds the whole declaration, so nothing is copied.
            if let bomLength = choose(sniffing: bytes, isFinal: false) {
                process(UnsafeBufferPointer(rebasing: bytes[bomLength...]), isFinal: false, emit: emit)
            } else {
                pending.append(contentsOf: bytes)
            }
            return
        }
        let taken = min(bytes.count, max(0, Self.sniffLimit - pending.count))
        pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<taken]))
        let held = pending
        held.withUnsafeBufferPointer { buffer in
            guard let bomLength = choose(sniffing: buffer, isFinal: false) else { return }
            pending = []
            process(UnsafeBufferPointer(rebasing: buffer[bomLength...]), isFinal: false, emit: emit)
            process(UnsafeBufferPointer(rebasing: bytes[taken...]), isFinal: false, emit: emit)
        }
    }

    private mutating func process(
        _ bytes: UnsafeBufferPointer<UInt8>,
        isFinal: Bool,
        emit: (UnsafeRawBufferPointer) -> Void
    ) {
        switch mode {
        case .sniffing, .utf8:
            processUTF8(bytes, isFinal: isFinal, emit: emit)
        case .singleByte(let table):
            writer.write(bytes, table: table, emit: emit)
        case .iconv(let converter):
            converter.convert(bytes, isFinal: isFinal, into: &writer, emit: emit)
        }
    }

    /// Validates UTF-8, completing the sequence carried over from the previous chunk first.
    private mutating func processUTF8(
        _ bytes: UnsafeBufferPointer<UInt8>,
        isFinal: Bool,
        emit: (UnsafeRawBufferPointer) -> Void
    ) {
        var rest = bytes
        if carryCount > 0 {
            let lead = carry.0
            let needed = (lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2) - carryCount
            let taken = min(needed, rest.count)
            let chunkEnds = taken == rest.count
            let joinedCount = carryCount + taken
            let held = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8) { joined in
                joined[0] = carry.0
                joined[1] = carry.1
                joined[2] = carry.2
                for index in 0..<taken { joined[carryCount + index] = rest[index] }
                let held = writer.write(
                    UnsafeBufferPointer(rebasing: joined[..<joinedCount]), isFinal: isFinal && chunkEnds, emit: emit)
                if held > taken {
                    // Still incomplete: the chunk ended inside the sequence.
                    let heldStart = joinedCount - held
                    carry = (
                        joined[heldStart], held > 1 ? joined[heldStart + 1] : 0, held > 2 ? joined[heldStart + 2] : 0
                    )
                }
                return held
            }
            if held > taken {
                carryCount = held
                return
            }
            carryCount = 0
            rest = UnsafeBufferPointer(rebasing: rest[(taken - held)...])
        }
        let held = writer.write(rest, isFinal: isFinal, emit: emit)
        if held > 0, let base = rest.baseAddress {
            let heldStart = base + (rest.count - held)
            carry = (heldStart[0], held > 1 ? heldStart[1] : 0, held > 2 ? heldStart[2] : 0)
            carryCount = held
        }
    }

    /// Records the problem about invalid bytes the first time the writer reports some.
    private mutating func reportInvalidBytes() {
        guard !reportedInvalid, writer.invalidCount > 0 else { return }
        reportedInvalid = true
        usedFallback = true
        let replacement: String
        switch mode {
        case .iconv where encoding.hasPrefix("utf-16") || encoding.hasPrefix("utf-32"):
            replacement = "replaced by U+FFFD"
        default:
            replacement = "read as windows-1252"
        }
        problems.append("\(source) but bytes are not valid \(encoding); invalid bytes \(replacement)")
    }
}

// MARK: - Sniffing

extension InputDecoder {
    /// What the first four bytes say without a byte order mark (XML 1.0 appendix F).
    private enum BytePattern {
        /// `<\0?\0`-like: UTF-16 or UTF-32 in the given byte order.
        case utf16(InputEncoding.ByteOrder)
        case utf32(InputEncoding.ByteOrder)
        /// `<?xm` in EBCDIC: IBM's mainframe encodings, whose declaration names the code page.
        case ebcdic
        /// Anything else: an ASCII-compatible encoding.
        case asciiCompatible

        var encoding: InputEncoding? {
            switch self {
            case .utf16(let order): return .utf16(order)
            case .utf32(let order): return .utf32(order)
            case .ebcdic: return InputEncoding.resolve("ibm037")
            case .asciiCompatible: return nil
            }
        }
    }

    private enum Declaration {
        case needMore
        case absent
        case encoding(String)
    }

    /// Chooses the encoding from the first bytes and sets the decoder up for it; returns the length of the byte
    /// order mark to skip, or nil when more bytes are needed (never when `isFinal` or the sniff limit is reached).
    fileprivate mutating func choose(sniffing bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool) -> Int? {
        let complete = isFinal || bytes.count >= Self.sniffLimit
        if bytes.count < 4 && !complete { return nil }
        let byte = { (index: Int) -> UInt8? in index < bytes.count ? bytes[index] : nil }
        let first = (byte(0), byte(1), byte(2), byte(3))

        switch first {
        case (0x00, 0x00, 0xFE, 0xFF):
            return use(.utf32(.bigEndian), source: "byte order mark for utf-32be", skipping: 4)
        case (0xFF, 0xFE, 0x00, 0x00):
            return use(.utf32(.littleEndian), source: "byte order mark for utf-32le", skipping: 4)
        case (0xEF, 0xBB, 0xBF, _):
            return use(.utf8, source: "byte order mark for utf-8", skipping: 3)
        case (0xFE, 0xFF, _, _):
            return use(.utf16(.bigEndian), source: "byte order mark for utf-16be", skipping: 2)
        case (0xFF, 0xFE, _, _):
            return use(.utf16(.littleEndian), source: "byte order mark for utf-16le", skipping: 2)
        default:
            break
        }

        let pattern: BytePattern
        switch first {
        case (0x00, 0x00, 0x00, 0x3C): pattern = .utf32(.bigEndian)
        case (0x3C, 0x00, 0x00, 0x00): pattern = .utf32(.littleEndian)
        case (0x00, 0x3C, 0x00, let next?) where next != 0: pattern = .utf16(.bigEndian)
        case (0x3C, 0x00, let next?, 0x00) where next != 0: pattern = .utf16(.littleEndian)
        case (0x4C, 0x6F, 0xA7, 0x94): pattern = .ebcdic
        default: pattern = .asciiCompatible
        }

        if let http = httpEncoding {
            return use(reconciling: http, with: pattern, first: first, source: "HTTP charset '\(httpLabel)'")
        }
        if case .ebcdic = pattern {
            return useEBCDIC(sniffing: bytes, complete: complete, first: first)
        }
        if let wide = pattern.encoding {
            // The declaration, if any, is in this encoding too, and can only name it.
            return use(wide, source: "byte pattern of \(wide.name)", skipping: 0)
        }
        switch Self.declaredEncoding(in: bytes, complete: complete) {
        case .needMore:
            return nil
        case .absent:
            return use(.utf8, source: "assumed encoding utf-8", skipping: 0)
        case .encoding(let label):
            guard let declared = InputEncoding.resolve(label) else {
                usedFallback = true
                problems.append("unknown encoding '\(label)'; read as utf-8")
                return use(.utf8, source: "assumed encoding utf-8", skipping: 0)
            }
            return use(reconciling: declared, with: pattern, first: first, source: "declared encoding '\(label)'")
        }
    }

    /// Reads an EBCDIC document's declaration through the characters all EBCDIC code pages share, and uses the code
    /// page it names (cp037, cp500, cp875, ibm1140, …); one that is not EBCDIC, or none, is read as IBM037.
    private mutating func useEBCDIC(
        sniffing bytes: UnsafeBufferPointer<UInt8>, complete: Bool, first: (UInt8?, UInt8?, UInt8?, UInt8?)
    ) -> Int? {
        guard let fallback = BytePattern.ebcdic.encoding, case .iconv(let converter, _) = fallback,
            let table = SingleByteTable(converter: converter)
        else {
            return mismatch(source: "byte pattern of ebcdic", actual: .utf8)
        }
        let ascii = bytes.prefix(Self.sniffLimit).map { byte -> UInt8 in
            let entry = table.entries[Int(byte)]
            return entry.length == 1 ? UInt8(truncatingIfNeeded: entry.bytes) : UInt8(ascii: "?")
        }
        let declaration = ascii.withUnsafeBufferPointer { Self.declaredEncoding(in: $0, complete: complete) }
        switch declaration {
        case .needMore:
            return nil
        case .absent:
            return use(fallback, source: "byte pattern of ebcdic", skipping: 0)
        case .encoding(let label):
            guard let declared = InputEncoding.resolve(label) else {
                usedFallback = true
                problems.append("unknown encoding '\(label)'; read as \(fallback.name)")
                return use(fallback, source: "byte pattern of ebcdic", skipping: 0)
            }
            return use(reconciling: declared, with: .ebcdic, first: first, source: "declared encoding '\(label)'")
        }
    }

    /// Uses `encoding` unless the bytes plainly contradict it (a wide encoding for ASCII bytes or the reverse).
    private mutating func use(
        reconciling encoding: InputEncoding,
        with pattern: BytePattern,
        first: (UInt8?, UInt8?, UInt8?, UInt8?),
        source: String
    ) -> Int {
        switch (encoding, pattern) {
        case (.utf16(let order), .utf16(let seen)), (.utf32(let order), .utf32(let seen)):
            if let order, order != seen {
                return mismatch(source: source, actual: pattern.encoding ?? .utf8)
            }
            return use(pattern.encoding ?? .utf8, source: source, skipping: 0)
        case (.utf16(let order), .asciiCompatible), (.utf32(let order), .asciiCompatible):
            // No '<' to go by: a NUL among the first two bytes says the text is wide; its place, the byte order.
            guard first.0 == 0 || first.1 == 0 else { return mismatch(source: source, actual: .utf8) }
            let guessed: InputEncoding.ByteOrder = first.0 == 0 ? .bigEndian : .littleEndian
            if case .utf16 = encoding { return use(.utf16(order ?? guessed), source: source, skipping: 0) }
            return use(.utf32(order ?? guessed), source: source, skipping: 0)
        case (_, .asciiCompatible):
            return use(encoding, source: source, skipping: 0)
        case (.iconv(let converter, _), .ebcdic):
            // An EBCDIC code page is the one encoding family whose ASCII letters are elsewhere.
            if let table = SingleByteTable(converter: converter), !table.isASCIICompatible {
                return use(encoding, source: source, skipping: 0)
            }
            return mismatch(source: source, actual: pattern.encoding ?? .utf8)
        default:
            return mismatch(source: source, actual: pattern.encoding ?? .utf8)
        }
    }

    private mutating func mismatch(source: String, actual: InputEncoding) -> Int {
        let used = actual.name
        usedFallback = true
        let kind = actual.isWide || used != "utf-8" ? used : "ascii-compatible"
        problems.append("\(source) but bytes are \(kind); read as \(used)")
        return use(actual, source: kind == used ? "byte pattern of \(used)" : "assumed encoding utf-8", skipping: 0)
    }

    /// Sets the decoder up for `encoding`; returns `skipping`, the byte order mark's length.
    private mutating func use(_ encoding: InputEncoding, source: String, skipping bomLength: Int) -> Int {
        self.source = source
        switch encoding {
        case .utf8:
            mode = .utf8
            self.encoding = "utf-8"
        case .windows1252(let name):
            mode = .singleByte(SingleByteTable.windows1252)
            self.encoding = name
        case .builtInTable(let table, let name):
            mode = .singleByte(table)
            self.encoding = name
        case .utf16(let order):
            useWide(name: order == .littleEndian ? "utf-16le" : "utf-16be", unitWidth: 2)
        case .utf32(let order):
            useWide(name: order == .littleEndian ? "utf-32le" : "utf-32be", unitWidth: 4)
        case .iconv(let converter, let name):
            if let table = SingleByteTable(converter: converter) {
                mode = .singleByte(table)
            } else {
                mode = .iconv(converter)
            }
            self.encoding = name
        }
        return bomLength
    }

    private mutating func useWide(name: String, unitWidth: Int) {
        if let converter = IconvConverter(from: name.uppercased(), unitWidth: unitWidth) {
            mode = .iconv(converter)
            encoding = name
        } else {
            usedFallback = true
            problems.append("iconv cannot read \(name); read as utf-8")
            mode = .utf8
            encoding = "utf-8"
        }
    }

    /// Finds the encoding pseudo-attribute of an ASCII-compatible XML declaration (leading whitespace tolerated).
    private static func declaredEncoding(in bytes: UnsafeBufferPointer<UInt8>, complete: Bool) -> Declaration {
        let count = bytes.count
        var index = 0
        while index < count && bytes[index].isXMLWhitespace { index += 1 }
        let opening = Array("<?xml".utf8)
        for expected in opening {
            guard index < count else { return complete ? .absent : .needMore }
            guard bytes[index] == expected else { return .absent }
            index += 1
        }
        guard index < count else { return complete ? .absent : .needMore }
        guard bytes[index].isXMLWhitespace else { return .absent }
        var end = index
        while end + 1 < count && !(bytes[end] == UInt8(ascii: "?") && bytes[end + 1] == UInt8(ascii: ">")) {
            end += 1
        }
        if end + 1 >= count {
            if !complete { return .needMore }
            end = count
        }
        let keyword = Array("encoding".utf8)
        var position = index
        while position + keyword.count <= end {
            guard (0..<keyword.count).allSatisfy({ bytes[position + $0] == keyword[$0] }) else {
                position += 1
                continue
            }
            var cursor = position + keyword.count
            while cursor < end && bytes[cursor].isXMLWhitespace { cursor += 1 }
            guard cursor < end, bytes[cursor] == UInt8(ascii: "=") else { return .absent }
            cursor += 1
            while cursor < end && bytes[cursor].isXMLWhitespace { cursor += 1 }
            guard cursor < end, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") else {
                return .absent
            }
            let quote = bytes[cursor]
            let valueStart = cursor + 1
            var valueEnd = valueStart
            while valueEnd < end && bytes[valueEnd] != quote { valueEnd += 1 }
            guard valueEnd < end, valueEnd > valueStart, valueEnd - valueStart <= 64 else { return .absent }
            return .encoding(
                String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self))
        }
        return .absent
    }

}
