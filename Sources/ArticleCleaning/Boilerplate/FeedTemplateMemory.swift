/// What a feed's earlier fetches taught: the template keys of its most recent items (at most 40 items, each at
/// most 48 keys), stored by the caller as bytes with the feed.
///
/// The bytes are versioned: "FTM" and a version byte, the item count (UInt16, little-endian), then per item its
/// identity hash (UInt64), key count (UInt8) and keys (UInt64 each, sorted), all little-endian. Keys are stable
/// 64-bit FNV-1a hashes, so memory written by one run or machine is read the same by another.
public struct FeedTemplateMemory: Sendable, Equatable {
    /// One remembered item: the hash of its identity and its template keys.
    struct Entry: Sendable, Equatable {
        var identity: UInt64
        var keys: [UInt64]
    }

    static let maximumItems = 40
    static let maximumKeys = 48
    private static let magic: [UInt8] = [UInt8(ascii: "F"), UInt8(ascii: "T"), UInt8(ascii: "M")]
    private static let version: UInt8 = 1

    /// Oldest first.
    private(set) var entries: [Entry] = []

    /// An empty memory, for a feed never fetched.
    public init() {}

    /// The memory stored as `encoded`; nil for bytes it cannot read (another version, truncated or garbage).
    public init?(encoded: [UInt8]) {
        var reader = ByteReader(bytes: encoded)
        guard reader.read(3) == Self.magic, reader.readByte() == Self.version, let itemCount = reader.readUInt16(),
            Int(itemCount) <= Self.maximumItems
        else { return nil }
        entries.reserveCapacity(Int(itemCount))
        for _ in 0..<itemCount {
            guard let identity = reader.readUInt64(), let keyCount = reader.readByte(),
                Int(keyCount) <= Self.maximumKeys
            else { return nil }
            var keys: [UInt64] = []
            keys.reserveCapacity(Int(keyCount))
            for _ in 0..<keyCount {
                guard let key = reader.readUInt64(), key != 0, keys.last.map({ $0 < key }) ?? true else { return nil }
                keys.append(key)
            }
            entries.append(Entry(identity: identity, keys: keys))
        }
        guard reader.isAtEnd else { return nil }
    }

    /// The bytes to store with the feed; `init(encoded:)` reads them back.
    public var encoded: [UInt8] {
        var bytes = Self.magic
        bytes.append(Self.version)
        bytes.reserveCapacity(6 + entries.reduce(0) { $0 + 9 + $1.keys.count * 8 })
        Self.append(UInt64(entries.count), bytes: 2, to: &bytes)
        for entry in entries {
            Self.append(entry.identity, bytes: 8, to: &bytes)
            bytes.append(UInt8(entry.keys.count))
            for key in entry.keys { Self.append(key, bytes: 8, to: &bytes) }
        }
        return bytes
    }

    /// How many items are remembered.
    public var itemCount: Int { entries.count }

    /// Remembers `keys` (sorted, unique, non-zero) for the item whose identity hashes to `identity`, replacing
    /// its earlier entry; the oldest items go beyond the cap.
    mutating func record(identity: UInt64, keys: [UInt64]) {
        entries.removeAll { $0.identity == identity }
        entries.append(Entry(identity: identity, keys: Array(keys.prefix(Self.maximumKeys))))
        if entries.count > Self.maximumItems { entries.removeFirst(entries.count - Self.maximumItems) }
    }

    private static func append(_ value: UInt64, bytes count: Int, to bytes: inout [UInt8]) {
        for shift in 0..<count { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift * 8))) }
    }

    /// Reads little-endian values; every read fails past the end.
    private struct ByteReader {
        let bytes: [UInt8]
        var position = 0

        var isAtEnd: Bool { position == bytes.count }

        mutating func read(_ count: Int) -> [UInt8]? {
            guard bytes.count - position >= count else { return nil }
            defer { position += count }
            return Array(bytes[position..<(position + count)])
        }

        mutating func readByte() -> UInt8? {
            read(1)?[0]
        }

        mutating func readUInt16() -> UInt16? {
            guard let value = readLittleEndian(2) else { return nil }
            return UInt16(value)
        }

        mutating func readUInt64() -> UInt64? {
            readLittleEndian(8)
        }

        private mutating func readLittleEndian(_ count: Int) -> UInt64? {
            guard bytes.count - position >= count else { return nil }
            var value: UInt64 = 0
            for offset in 0..<count { value |= UInt64(bytes[position + offset]) << UInt64(offset * 8) }
            position += count
            return value
        }
    }
}
