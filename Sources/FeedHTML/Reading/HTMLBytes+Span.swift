/// The markup reader's public surface for scanners in other modules: the same reading, over spans, with every
/// position checked here (the buffer forms inside check only in debug builds).
extension HTMLBytes {
    /// What the markup starting with the `<` at `start` is; see the buffer form.
    public static func markup(in bytes: Span<UInt8>, at start: Int) -> HTMLMarkup? {
        precondition(bytes.indices.contains(start), "markup position \(start) outside 0..<\(bytes.count)")
        return bytes.withUnsafeBufferPointer { markup(in: $0, at: start) }
    }

    /// The position of the `>` that ends a tag, skipping quoted attribute values; nil when the tag never ends.
    public static func tagEnd(in bytes: Span<UInt8>, from position: Int) -> Int? {
        precondition(position >= 0 && position <= bytes.count, "position \(position) outside 0...\(bytes.count)")
        return bytes.withUnsafeBufferPointer { tagEnd(in: $0, from: position) }
    }

    /// Where the raw text of the element whose name is at `name` (a range of `bytes`, as `markup` reports it)
    /// ends: just past its end tag, or the end of the input.
    public static func rawTextEnd(in bytes: Span<UInt8>, from position: Int, name: Range<Int>) -> Int {
        precondition(position >= 0 && position <= bytes.count, "position \(position) outside 0...\(bytes.count)")
        precondition(name.lowerBound >= 0 && name.upperBound <= bytes.count, "name \(name) outside the bytes")
        return bytes.withUnsafeBufferPointer {
            rawTextEnd(in: $0, from: position, name: UnsafeBufferPointer(rebasing: $0[name]))
        }
    }

    /// True when `literal` is at `position`; with `ignoringCase`, ASCII letters match either case.
    public static func starts(
        with literal: StaticString, in bytes: Span<UInt8>, at position: Int, ignoringCase: Bool = false
    ) -> Bool {
        bytes.withUnsafeBufferPointer { starts(with: literal, in: $0, at: position, ignoringCase: ignoringCase) }
    }

    /// The first position at or after `position` where `literal` starts.
    public static func find(_ literal: StaticString, in bytes: Span<UInt8>, from position: Int) -> Int? {
        precondition(position >= 0 && position <= bytes.count, "position \(position) outside 0...\(bytes.count)")
        return bytes.withUnsafeBufferPointer { find(literal, in: $0, from: position) }
    }

    /// The character reference at `index` (which holds `&`): its code point and the position after it; nil when
    /// the `&` is text. Read as browsers read them; see the buffer form.
    public static func characterReference(in bytes: Span<UInt8>, at index: Int) -> (scalar: UInt32, end: Int)? {
        precondition(bytes.indices.contains(index), "reference position \(index) outside 0..<\(bytes.count)")
        return bytes.withUnsafeBufferPointer { characterReference(in: $0, at: index) }
    }
}
