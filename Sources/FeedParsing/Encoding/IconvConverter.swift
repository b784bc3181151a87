import Glibc

/// A streaming glibc iconv conversion from one encoding to UTF-8; owns its `iconv_t` and output buffer.
///
/// Not thread-safe: one decoder uses it on one thread at a time. Bytes the encoding cannot read become windows-1252
/// characters (`unitWidth` 1) or U+FFFD per code unit (UTF-16, UTF-32), counted as invalid by the writer.
final class IconvConverter {
    /// What one byte converts to on its own, for building single-byte tables.
    enum SingleByteResult {
        case scalar(UInt32)
        case invalid
        case notSingleByte
    }

    private static let outputCapacity = 65536

    private let handle: iconv_t
    /// Bytes skipped per invalid code unit: 1 for byte-oriented encodings, 2 for UTF-16, 4 for UTF-32.
    private let unitWidth: Int
    private let output: UnsafeMutablePointer<UInt8>
    /// The incomplete character at the end of the previous input, prepended to the next.
    private var leftover: [UInt8] = []

    /// Opens a conversion from `encoding` (an iconv name such as "CP932" or "UTF-16LE"); nil when iconv lacks it.
    init?(from encoding: String, unitWidth: Int) {
        let handle = iconv_open("UTF-8", encoding)
        guard let handle, Int(bitPattern: handle) != -1 else { return nil }
        self.handle = handle
        self.unitWidth = unitWidth
        output = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.outputCapacity)
    }

    deinit {
        iconv_close(handle)
        output.deallocate()
    }

    /// Converts `input` into `writer`; with `isFinal` false an incomplete character at the end is kept for the next
    /// call, with `isFinal` true it is written as a fallback and the shift state is reset.
    func convert(
        _ input: UnsafeBufferPointer<UInt8>,
        isFinal: Bool,
        into writer: inout UTF8Writer,
        emit: (UnsafeRawBufferPointer) -> Void
    ) {
        if leftover.isEmpty {
            run(input, isFinal: isFinal, into: &writer, emit: emit)
        } else {
            var joined = leftover
            leftover = []
            joined.append(contentsOf: input)
            joined.withUnsafeBufferPointer { run($0, isFinal: isFinal, into: &writer, emit: emit) }
        }
        if isFinal {
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(output)
                .assumingMemoryBound(to: CChar.self)
            var outLeft = Self.outputCapacity
            _ = iconv(handle, nil, nil, &outPointer, &outLeft)
            write(produced: Self.outputCapacity - outLeft, into: &writer, emit: emit)
        }
    }

    /// Converts `byte` alone from the initial shift state, flushing what the converter holds back.
    ///
    /// Converters for encodings with combining marks (windows-1255, windows-1258, TCVN) keep a base letter back in
    /// case a mark follows, so the byte only comes out on the flush. The converter is back in its initial state
    /// afterwards, whatever happened, so a failed table build leaves nothing behind for streaming.
    func convertSingleByte(_ byte: UInt8) -> SingleByteResult {
        let capacity = 16
        _ = iconv(handle, nil, nil, nil, nil)
        defer { _ = iconv(handle, nil, nil, nil, nil) }
        var value = byte
        let outStart = UnsafeMutableRawPointer(output).assumingMemoryBound(to: CChar.self)
        var outPointer: UnsafeMutablePointer<CChar>? = outStart
        var outLeft = capacity
        let converted = withUnsafeMutablePointer(to: &value) { pointer -> SingleByteResult? in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(pointer)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = 1
            let result = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
            if result == -1 { return errno == EILSEQ ? .invalid : .notSingleByte }
            return inLeft == 0 ? nil : .notSingleByte
        }
        if let converted { return converted }
        if iconv(handle, nil, nil, &outPointer, &outLeft) == -1 { return .notSingleByte }
        let produced = capacity - outLeft
        guard produced > 0 else { return .notSingleByte }
        var iterator = UnsafeBufferPointer(start: output, count: produced).makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator), iterator.next() == nil else {
            return .notSingleByte
        }
        return .scalar(scalar.value)
    }

    private func run(
        _ input: UnsafeBufferPointer<UInt8>,
        isFinal: Bool,
        into writer: inout UTF8Writer,
        emit: (UnsafeRawBufferPointer) -> Void
    ) {
        guard let base = input.baseAddress else { return }
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base)
            .assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        while inLeft > 0 {
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(output)
                .assumingMemoryBound(to: CChar.self)
            var outLeft = Self.outputCapacity
            let result = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
            let error = errno
            write(produced: Self.outputCapacity - outLeft, into: &writer, emit: emit)
            if result != -1 { break }
            guard let current = inPointer.map({ UnsafeMutableRawPointer($0).assumingMemoryBound(to: UInt8.self) })
            else { break }
            switch error {
            case E2BIG:
                continue
            case EINVAL where !isFinal:
                leftover = Array(UnsafeBufferPointer(start: current, count: inLeft))
                inLeft = 0
            case EINVAL:
                if unitWidth == 1 {
                    for index in 0..<inLeft { writer.appendFallback(current[index]) }
                } else {
                    writer.appendReplacementCharacter()
                }
                inLeft = 0
            default:
                // EILSEQ: skip one code unit and go on from there.
                let skipped = min(unitWidth, inLeft)
                if unitWidth == 1 { writer.appendFallback(current[0]) } else { writer.appendReplacementCharacter() }
                inPointer = inPointer.map { $0 + skipped }
                inLeft -= skipped
            }
        }
    }

    /// Passes iconv's output (always complete UTF-8 characters) through the writer, which drops non-XML characters.
    private func write(produced: Int, into writer: inout UTF8Writer, emit: (UnsafeRawBufferPointer) -> Void) {
        guard produced > 0 else { return }
        _ = writer.write(UnsafeBufferPointer(start: output, count: produced), isFinal: true, emit: emit)
    }
}
