/// A 128-bit FNV-1a hash of bytes and strings, stable across runs, platforms and releases.
///
/// Two 64-bit FNV-1a lanes, the high one stirred with the low. Entry ids derived from an entry's contents and the
/// stored content fingerprints are made with it, so its output must never change. A value type with no shared
/// state: use it on any thread. Not cryptographic: it only has to give the same input the same digest every time.
public struct StableHash: Sendable {
    @usableFromInline var low: UInt64 = 0xcbf2_9ce4_8422_2325
    @usableFromInline var high: UInt64 = 0x6c62_272e_07bb_0142

    /// A hash of nothing yet.
    public init() {}

    /// Adds one byte of the current field; inlinable because the fingerprint feeds text through it byte by byte.
    @inlinable @inline(__always)
    public mutating func add(_ byte: UInt8) {
        low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ (low >> 29)
    }

    /// Ends the current field, so that the fields ("ab", "c") and ("a", "bc") hash differently.
    public mutating func endField() {
        low = (low ^ 0xff) &* 0x0000_0100_0000_01b3
        high = (high ^ 0xfe) &* 0x0000_0100_0000_01b3
    }

    /// Adds the UTF-8 of `string` (nothing for `nil`) as one field.
    public mutating func combine(_ string: String?) {
        for byte in (string ?? "").utf8 { add(byte) }
        endField()
    }

    /// 32 lower-case hex digits, high word first.
    public var hexDigest: String {
        let digits: StaticString = "0123456789abcdef"
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in [high, low] {
            for shift in stride(from: 60, through: 0, by: -4) {
                out.append(digits.utf8Start[Int((word >> UInt64(shift)) & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
