/// An ASCII tag or attribute name of up to 16 bytes, lower-cased and packed into two integers.
///
/// Element and attribute tables are searched once per tag and per attribute, so the key must be cheap to build
/// from a C string and cheap to hash; longer names are never in any table and produce no key.
public struct HTMLNameKey: Hashable, Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// The key for a NUL-terminated name, or nil when it is empty or longer than 16 bytes.
    init?(cString name: UnsafePointer<UInt8>) {
        var index = 0
        while true {
            let byte = name[index]
            if byte == 0 { break }
            guard index < 16 else { return nil }
            add(byte, at: index)
            index += 1
        }
        if index == 0 { return nil }
    }

    /// The key for a run of bytes, or nil when it is empty or longer than 16 bytes.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
        for index in 0..<bytes.count { add(bytes[index], at: index) }
    }

    /// The key for the name of ASCII letters and digits that starts `bytes` with a letter, and the name's length;
    /// nil when `bytes` does not start with a letter or the name is longer than 16 bytes. One pass over the name,
    /// for readers that would otherwise find its end first and then build the key.
    static func leadingName(of bytes: UnsafeBufferPointer<UInt8>) -> (key: HTMLNameKey, length: Int)? {
        var key = HTMLNameKey()
        var length = 0
        while length < bytes.count {
            let byte = bytes[length]
            let folded = byte | 0x20
            let isLetter = folded >= 0x61 && folded <= 0x7A
            guard isLetter || (length > 0 && byte >= 0x30 && byte <= 0x39) else { break }
            guard length < 16 else { return nil }
            key.add(byte, at: length)
            length += 1
        }
        return length == 0 ? nil : (key, length)
    }

    /// The key for the name `bytes` (any case), or nil when it is empty or longer than 16 bytes.
    public init?(_ bytes: Span<UInt8>) {
        guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
        for index in 0..<bytes.count { add(bytes[index], at: index) }
    }

    /// The key for a literal name from one of the tables.
    public init(_ literal: StaticString) {
        let count = literal.utf8CodeUnitCount
        precondition(count > 0 && count <= 16, "table names are 1...16 bytes")
        for index in 0..<count { add(literal.utf8Start[index], at: index) }
    }

    /// True for the empty key, which no name produces; name tables use it to mark free slots.
    var isEmpty: Bool { low == 0 && high == 0 }

    /// A cheap multiplicative hash for name tables (the keys are fixed and not attacker-chosen, so no SipHash).
    var tableHash: UInt64 {
        (low ^ (high &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15
    }

    /// The empty key.
    static let empty = HTMLNameKey()

    private init() {}

    private mutating func add(_ byte: UInt8, at index: Int) {
        let lowered = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
        if index < 8 {
            low |= UInt64(lowered) << UInt64(index * 8)
        } else {
            high |= UInt64(lowered) << UInt64((index - 8) * 8)
        }
    }
}
