/// Counts per template key in an open-addressing table: keys are already well-mixed 64-bit hashes, so they
/// index the table directly, which costs far less than `Dictionary`'s seeded hashing of every key.
struct BoilerplateKeyCounts {
    private var keys: [UInt64]
    private var counts: [Int32]
    private let mask: Int

    /// A table for up to `capacity` distinct keys.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        counts = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    /// Adds one to the count of `key` (not 0) and returns the count before.
    @discardableResult
    mutating func increment(_ key: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while true {
            let present = keys[slot]
            if present == key {
                counts[slot] += 1
                return Int(counts[slot] - 1)
            }
            if present == 0 {
                keys[slot] = key
                counts[slot] = 1
                return 0
            }
            slot = (slot + 1) & mask
        }
    }

    /// The count of `key`; 0 when never added.
    func count(of key: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while true {
            let present = keys[slot]
            if present == key { return Int(counts[slot]) }
            if present == 0 { return 0 }
            slot = (slot + 1) & mask
        }
    }
}
