/// A 64-bit FNV-1a hash for template keys, stable across runs and releases because keys are stored with feeds.
///
/// Never returns 0, which marks "no key". Not cryptographic.
struct BoilerplateKeyHasher {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    /// A hasher whose first byte is `kind`, so keys of different kinds never collide by construction.
    init(kind: UInt8) {
        add(kind)
    }

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    mutating func add(_ bytes: ArraySlice<UInt8>) {
        for byte in bytes { add(byte) }
    }

    func finish() -> UInt64 {
        state == 0 ? 1 : state
    }

    /// The hash of a whole string's UTF-8, for item identities.
    static func hash(identity: String) -> UInt64 {
        var hasher = BoilerplateKeyHasher(kind: UInt8(ascii: "I"))
        for byte in identity.utf8 { hasher.add(byte) }
        return hasher.finish()
    }
}
