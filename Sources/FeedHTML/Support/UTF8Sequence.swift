/// The one check of a UTF-8 sequence that the input decoder and the sanitizer's output share: what Swift's
/// `String(decoding:as:)` accepts, no overlong forms, no surrogates, nothing above U+10FFFF.
public enum UTF8Sequence {
    /// The length of the UTF-8 sequence led by the non-ASCII byte at `start`: 2...4 when complete and valid, 0 when
    /// invalid (overlong, surrogate, above U+10FFFF, bad continuation), -1 when a valid prefix runs out of input.
    @inlinable @inline(__always)
    public static func length(_ start: UnsafePointer<UInt8>, available: Int) -> Int {
        let lead = start[0]
        var length = 3
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        if lead < 0xC2 {
            return 0
        } else if lead < 0xE0 {
            length = 2
        } else if lead < 0xF0 {
            if lead == 0xE0 { low = 0xA0 } else if lead == 0xED { high = 0x9F }
        } else if lead < 0xF5 {
            length = 4
            if lead == 0xF0 { low = 0x90 } else if lead == 0xF4 { high = 0x8F }
        } else {
            return 0
        }
        if available < 2 { return -1 }
        let second = start[1]
        guard second >= low && second <= high else { return 0 }
        if length == 2 { return 2 }
        if available < 3 { return -1 }
        guard start[2] & 0xC0 == 0x80 else { return 0 }
        if length == 3 { return 3 }
        if available < 4 { return -1 }
        guard start[3] & 0xC0 == 0x80 else { return 0 }
        return 4
    }
}
