/// A 128-bit FNV-1a hash of strings, stable across runs and platforms, for ids derived from an entry's contents.
///
/// Not cryptographic: it only has to give the same entry the same id every time it is fetched.
struct StableHash {
    private var low: UInt64 = 0xcbf2_9ce4_8422_2325
    private var high: UInt64 = 0x6c62_272e_07bb_0142

    mutating func combine(_ string: String?) {
        for byte in (string ?? "").utf8 {
            low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ (low >> 29)
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        low = (low ^ 0xff) &* 0x0000_0100_0000_01b3
        high = (high ^ 0xfe) &* 0x0000_0100_0000_01b3
    }

    /// 32 lower-case hex digits.
    var hexDigest: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in [high, low] {
            for shift in stride(from: 60, through: 0, by: -4) {
                out.append(digits[Int((word >> UInt64(shift)) & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
