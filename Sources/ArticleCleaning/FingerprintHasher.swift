/// A 128-bit FNV-1a hash of bytes, stable across runs, platforms and releases.
///
/// The same algorithm as FeedParsing's `StableHash` (two 64-bit FNV-1a lanes, the high one stirred with the
/// low), fed byte by byte so text can be hashed while it is normalised. `finish()` adds the separator
/// `StableHash.combine` adds, so hashing the bytes of one string equals `StableHash` combining that string.
/// Not cryptographic. Fingerprints are stored, so this must never change.
struct FingerprintHasher {
    private var low: UInt64 = 0xcbf2_9ce4_8422_2325
    private var high: UInt64 = 0x6c62_272e_07bb_0142

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ (low >> 29)
    }

    /// 32 lower-case hex digits, high word first.
    mutating func finish() -> String {
        low = (low ^ 0xff) &* 0x0000_0100_0000_01b3
        high = (high ^ 0xfe) &* 0x0000_0100_0000_01b3
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
