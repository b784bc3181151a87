/// A fixed map from tag or attribute names to values, built once and read on every tag of every document.
///
/// Open addressing with linear probing and a multiplicative hash: several times cheaper than `Dictionary`'s
/// seeded SipHash for the few hundred fixed names it holds.
public struct HTMLNameTable<Value: Sendable>: Sendable {
    private let keys: [HTMLNameKey]
    private let values: [Value?]
    private let shift: UInt64
    private let mask: Int

    /// A table of `entries`; a later entry with the same name replaces an earlier one.
    public init(_ entries: [(HTMLNameKey, Value)]) {
        var bits: UInt64 = 4
        while (1 << bits) < entries.count * 4 { bits += 1 }
        let size = 1 << Int(bits)
        var keys = [HTMLNameKey](repeating: .empty, count: size)
        var values = [Value?](repeating: nil, count: size)
        let shift = 64 - bits
        let mask = size - 1
        for (key, value) in entries {
            var slot = Int(key.tableHash >> shift)
            while !keys[slot].isEmpty && keys[slot] != key { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
        self.keys = keys
        self.values = values
        self.shift = shift
        self.mask = mask
    }

    /// The value stored for `key`, or nil.
    public subscript(key: HTMLNameKey) -> Value? {
        var slot = Int(key.tableHash >> shift)
        while true {
            let candidate = keys[slot]
            if candidate == key { return values[slot] }
            if candidate.isEmpty { return nil }
            slot = (slot + 1) & mask
        }
    }
}
