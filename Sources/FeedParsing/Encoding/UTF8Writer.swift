internal import FeedHTML

/// Validates UTF-8 and hands it on in large pieces, dropping the characters XML 1.0 forbids.
///
/// Valid runs of the input are emitted straight from the caller's memory when they are long (or when nothing is
/// staged), and copied into a staging buffer of at most about 64 KB otherwise, so the consumer sees few, large
/// pieces. Everything passed to `emit` is complete, valid UTF-8 without C0 controls (other than TAB, LF, CR),
/// U+FFFE or U+FFFF. Call `flush(emit:)` before returning control to the caller of the decoder.
struct UTF8Writer {
    /// Runs at least this long are emitted without copying.
    private static let directRunLength = 4096
    /// The staging buffer is emitted once it holds this much.
    private static let stagingLimit = 65536

    private var staging: [UInt8] = []
    /// How many characters were dropped because XML 1.0 forbids them.
    private(set) var droppedCount = 0
    /// How many invalid bytes or sequences were replaced by a fallback.
    private(set) var invalidCount = 0

    init() {
        staging.reserveCapacity(Self.stagingLimit + Self.directRunLength)
    }

    /// Writes UTF-8 `input`; returns how many trailing bytes form an incomplete sequence and were not written.
    ///
    /// When `isFinal` is true nothing is held back: an incomplete sequence at the end is invalid. Each byte of an
    /// invalid sequence is written as its windows-1252 character.
    mutating func write(
        _ input: UnsafeBufferPointer<UInt8>,
        isFinal: Bool,
        emit: (UnsafeRawBufferPointer) -> Void
    ) -> Int {
        guard let base = input.baseAddress, !input.isEmpty else { return 0 }
        let count = input.count
        var index = 0
        var runStart = 0
        var held = 0
        while index < count {
            index = Self.skipPlainASCII(base, from: index, count: count)
            if index >= count { break }
            let byte = base[index]
            if byte < 0x80 {
                if byte >= 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                    index &+= 1
                    continue
                }
                writeRun(base + runStart, index &- runStart, isLast: false, emit: emit)
                droppedCount &+= 1
                index &+= 1
                runStart = index
                continue
            }
            // U+0080-U+009F are C1 controls, which no feed means: they are windows-1252 text that went through a
            // Latin-1 decoder somewhere (the ’ of "don’t" as U+0092). Read them as the characters they stood for.
            if byte == 0xC2, index &+ 1 < count, base[index &+ 1] & 0xE0 == 0x80 {
                writeRun(base + runStart, index &- runStart, isLast: false, emit: emit)
                append(SingleByteTable.windows1252.entries[Int(base[index &+ 1])])
                index &+= 2
                runStart = index
                continue
            }
            // The common two- and three-byte forms in one four-byte load (little end first), for non-Latin text.
            if index &+ 4 <= count {
                let word = UInt32(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt32.self))
                if word & 0xC0E0 == 0x80C0 && byte >= 0xC2 {
                    index &+= 2
                    continue
                }
                if word & 0xC0_C0F0 == 0x80_80E0 {
                    let second = UInt8(truncatingIfNeeded: word >> 8)
                    // Not overlong (E0 80-9F), not a surrogate (ED A0-BF), not U+FFFE/U+FFFF (EF BF BE-BF).
                    if byte > 0xE0 && byte != 0xED && !(byte == 0xEF && second == 0xBF && word & 0xFE_0000 == 0xBE_0000)
                        || (byte == 0xE0 && second >= 0xA0) || (byte == 0xED && second < 0xA0)
                    {
                        index &+= 3
                        continue
                    }
                }
            }
            let length = UTF8Sequence.length(base + index, available: count &- index)
            if length > 0 {
                // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
                if length == 3 && byte == 0xEF && base[index &+ 1] == 0xBF && base[index &+ 2] >= 0xBE {
                    writeRun(base + runStart, index &- runStart, isLast: false, emit: emit)
                    droppedCount &+= 1
                    index &+= 3
                    runStart = index
                    continue
                }
                index &+= length
                continue
            }
            if length < 0 && !isFinal {
                held = count &- index
                break
            }
            writeRun(base + runStart, index &- runStart, isLast: false, emit: emit)
            appendFallback(byte)
            index &+= 1
            runStart = index
        }
        writeRun(base + runStart, count &- held &- runStart, isLast: true, emit: emit)
        return held
    }

    /// Writes single-byte-encoded `input` through `table`.
    mutating func write(
        _ input: UnsafeBufferPointer<UInt8>,
        table: SingleByteTable,
        emit: (UnsafeRawBufferPointer) -> Void
    ) {
        guard let base = input.baseAddress, !input.isEmpty else { return }
        let count = input.count
        guard table.isASCIICompatible else {
            for index in 0..<count { append(table.entries[Int(base[index])]) }
            return
        }
        var index = 0
        var runStart = 0
        while index < count {
            index = Self.skipPlainASCII(base, from: index, count: count)
            if index >= count { break }
            let byte = base[index]
            if byte < 0x80 && (byte >= 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D) {
                index &+= 1
                continue
            }
            writeRun(base + runStart, index &- runStart, isLast: false, emit: emit)
            append(table.entries[Int(byte)])
            index &+= 1
            runStart = index
        }
        writeRun(base + runStart, count &- runStart, isLast: true, emit: emit)
    }

    /// Writes `byte` as its windows-1252 character and counts it as invalid.
    mutating func appendFallback(_ byte: UInt8) {
        invalidCount &+= 1
        append(SingleByteTable.windows1252.entries[Int(byte)])
    }

    /// Writes U+FFFD for an invalid code unit of UTF-16 or UTF-32 and counts it as invalid.
    mutating func appendReplacementCharacter() {
        invalidCount &+= 1
        staging.append(0xEF)
        staging.append(0xBF)
        staging.append(0xBD)
    }

    /// Emits whatever is staged.
    mutating func flush(emit: (UnsafeRawBufferPointer) -> Void) {
        guard !staging.isEmpty else { return }
        staging.withUnsafeBytes { emit($0) }
        staging.removeAll(keepingCapacity: true)
    }

    /// Appends one table entry: its UTF-8 bytes, or nothing for a dropped character.
    private mutating func append(_ entry: SingleByteTable.Entry) {
        if entry.isFallback { invalidCount &+= 1 }
        let length = entry.length
        if length == 0 {
            droppedCount &+= 1
            return
        }
        let bytes = entry.bytes
        staging.append(UInt8(truncatingIfNeeded: bytes))
        if length > 1 { staging.append(UInt8(truncatingIfNeeded: bytes >> 8)) }
        if length > 2 { staging.append(UInt8(truncatingIfNeeded: bytes >> 16)) }
    }

    private mutating func writeRun(
        _ start: UnsafePointer<UInt8>,
        _ length: Int,
        isLast: Bool,
        emit: (UnsafeRawBufferPointer) -> Void
    ) {
        guard length > 0 else { return }
        if length >= Self.directRunLength || (isLast && staging.isEmpty) {
            flush(emit: emit)
            emit(UnsafeRawBufferPointer(start: start, count: length))
        } else {
            staging.append(contentsOf: UnsafeBufferPointer(start: start, count: length))
            if staging.count >= Self.stagingLimit { flush(emit: emit) }
        }
    }

    /// The first index from `index` on that does not start a run of eight plain ASCII bytes (0x20...0x7F): one
    /// test catches both non-ASCII bytes (high bit) and controls (the subtraction borrows into the high bit of the
    /// first byte below 0x20).
    @inline(__always)
    private static func skipPlainASCII(_ base: UnsafePointer<UInt8>, from index: Int, count: Int) -> Int {
        var index = index
        while index &+ 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if (word | (word &- 0x2020_2020_2020_2020)) & 0x8080_8080_8080_8080 != 0 { break }
            index &+= 8
        }
        return index
    }
}
