/// The story index's band keys and the articles under each, in 8 bytes an entry: a sorted array of packed entries,
/// the newest in a small table until there are enough of them to merge in.
///
/// A dictionary of the same entries took twice the memory at best (its load factor stays under three quarters and
/// it doubles as it grows), and for a moment three times while it grew: 16 to 24 MiB for the 400,000 band keys of
/// a cold cycle of 50,000 articles, where this array takes 3.2 MB (and twice that only while a merge copies it).
/// A key is a band key's 32 bits (`StoryIndex`), an entry's value an article's distance from the index's first id.
struct StoryBandTable {
    /// The most entries under one key; later ones are not kept.
    let idsPerKey: Int
    /// How many new entries wait in `newer` before they are merged into `sorted`.
    let mergeEvery: Int
    /// Merged entries, the key in the high 32 bits and the value in the low ones, in ascending order.
    private var sorted: [UInt64] = []
    /// Where in `sorted` the keys of each value of their top `directoryBits` bits start (one more at the end), so a
    /// search looks among a handful of entries instead of halving the whole array some twenty times, each a likely
    /// cache miss: the search was a tenth of the writer's time in a cold cycle. Empty while `sorted` is.
    private var directory: [UInt32] = []
    /// Entries added since the last merge: each key's first value, and its next ones (rare) in `newerMore`.
    private var newer: [UInt32: UInt32] = [:]
    private var newerMore: [UInt32: [UInt32]] = [:]
    private var newerCount = 0

    init(idsPerKey: Int, mergeEvery: Int = 16_384) {
        self.idsPerKey = idsPerKey
        self.mergeEvery = max(mergeEvery, 1)
    }

    /// The entries kept.
    var count: Int { sorted.count + newerCount }

    /// Adds `value` under `key`, unless the key already has `idsPerKey` values.
    mutating func insert(_ value: UInt32, under key: UInt32) {
        var present = sortedRange(of: key).count
        if newer[key] != nil {
            present += 1 + (newerMore[key]?.count ?? 0)
        }
        guard present < idsPerKey else { return }
        if newer[key] == nil {
            newer[key] = value
        } else {
            newerMore[key, default: []].append(value)
        }
        newerCount += 1
        if newerCount >= mergeEvery {
            merge()
        }
    }

    /// The values under `key`, in the order they were added.
    func values(under key: UInt32) -> [UInt32] {
        var values = sorted[sortedRange(of: key)].map { UInt32(truncatingIfNeeded: $0) }
        if let first = newer[key] {
            values.append(first)
            values += newerMore[key] ?? []
        }
        return values
    }

    /// Forgets every entry, keeping the array's memory for the rebuild that follows.
    mutating func removeAll() {
        sorted.removeAll(keepingCapacity: true)
        directory.removeAll(keepingCapacity: true)
        newer.removeAll(keepingCapacity: true)
        newerMore.removeAll()
        newerCount = 0
    }

    /// Where `key`'s entries are in `sorted` (at most `idsPerKey` of them).
    private func sortedRange(of key: UInt32) -> Range<Int> {
        guard !directory.isEmpty else { return 0..<0 }
        let first = UInt64(key) << 32
        let slot = Int(key >> Self.directoryShift)
        var low = Int(directory[slot])
        var high = Int(directory[slot + 1])
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < first {
                low = middle + 1
            } else {
                high = middle
            }
        }
        var end = low
        while end < sorted.count, sorted[end] >> 32 == UInt64(key) {
            end += 1
        }
        return low..<end
    }

    /// Bits of a key that pick its slot in `directory`: 65,536 slots, 256 KiB, a few entries a slot at the
    /// 400,000 entries of a cold cycle's 50,000 articles.
    static let directoryBits = 16
    private static let directoryShift = UInt32(32 - directoryBits)

    /// Sets `directory` from `sorted`.
    private mutating func fillDirectory() {
        let slots = 1 << Self.directoryBits
        directory.removeAll(keepingCapacity: true)
        directory.reserveCapacity(slots + 1)
        var index = 0
        for slot in 0..<slots {
            while index < sorted.count, Int(sorted[index] >> (32 + UInt64(Self.directoryShift))) < slot {
                index += 1
            }
            directory.append(UInt32(index))
        }
        directory.append(UInt32(sorted.count))
    }

    /// Moves the newer entries into the sorted array.
    private mutating func merge() {
        var added: [UInt64] = []
        added.reserveCapacity(newerCount)
        for (key, value) in newer {
            added.append(UInt64(key) << 32 | UInt64(value))
        }
        for (key, values) in newerMore {
            for value in values {
                added.append(UInt64(key) << 32 | UInt64(value))
            }
        }
        added.sort()
        var merged: [UInt64] = []
        merged.reserveCapacity(sorted.count + added.count)
        var old = 0
        var new = 0
        while old < sorted.count && new < added.count {
            if sorted[old] <= added[new] {
                merged.append(sorted[old])
                old += 1
            } else {
                merged.append(added[new])
                new += 1
            }
        }
        merged += sorted[old...]
        merged += added[new...]
        sorted = merged
        fillDirectory()
        newer.removeAll(keepingCapacity: true)
        newerMore.removeAll()
        newerCount = 0
    }
}
