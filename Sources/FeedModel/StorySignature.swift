/// A MinHash sketch of an article's text: articles whose sketches agree in many places tell the same story.
///
/// Each of the `count` values is the minimum, over the text's word shingles, of one hash function; the share of
/// places where two sketches agree estimates the Jaccard similarity of their shingle sets. Locality-sensitive
/// hashing groups 24 of the values into `bands` bands of `rows`: two texts with similarity 0.5 share at least one
/// band key with probability 0.66, with 0.6 with 0.86, with 0.7 with 0.97, with 0.8 with 0.997, with 0.2 only 0.06,
/// so the store looks up candidates by band key and compares the few it finds on all 64 values.
///
/// ArticleCleaning computes sketches from text; this type only holds, stores and compares them. The encoding is
/// stored with each article, so it may never change.
public struct StorySignature: Sendable, Hashable {
    /// Values per sketch.
    public static let count = 64
    /// Locality-sensitive hashing bands, of `rows` values each (the first `bands × rows` values).
    public static let bands = 8
    public static let rows = 3

    /// Texts with fewer shingles than this get no sketch: a sentence or two is too little to tell one story from
    /// another that merely shares a phrase.
    public static let minimumShingles = 12

    /// The `count` minimum hash values.
    public let values: [UInt32]
    /// How many shingles the text had (repeats included, saturating at `UInt16.max`): how much text the sketch
    /// stands for.
    public let shingleCount: Int

    /// A sketch of `values` (exactly `count` of them); nil for any other number.
    public init?(values: [UInt32], shingleCount: Int) {
        guard values.count == Self.count else { return nil }
        self.values = values
        self.shingleCount = min(max(shingleCount, 0), Int(UInt16.max))
    }

    /// Reads `encoded` back; nil for bytes that are not an encoding of this version.
    public init?(encoded: [UInt8]) {
        guard encoded.count == 3 + 4 * Self.count, encoded[0] == Self.encodingVersion else { return nil }
        var values: [UInt32] = []
        values.reserveCapacity(Self.count)
        for index in 0..<Self.count {
            let base = 3 + 4 * index
            values.append(
                UInt32(encoded[base]) | UInt32(encoded[base + 1]) << 8 | UInt32(encoded[base + 2]) << 16
                    | UInt32(encoded[base + 3]) << 24)
        }
        self.init(values: values, shingleCount: Int(encoded[1]) | Int(encoded[2]) << 8)
    }

    private static let encodingVersion: UInt8 = 1

    /// A version byte, the shingle count (16 bits) and the values (32 bits each), little-endian.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = [Self.encodingVersion, UInt8(shingleCount & 0xFF), UInt8(shingleCount >> 8)]
        bytes.reserveCapacity(3 + 4 * Self.count)
        for value in values {
            bytes.append(contentsOf: [
                UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24),
            ])
        }
        return bytes
    }

    /// One key per band: a hash of the band's number and its values. Equal keys mean an equal band (up to
    /// collisions of a 63-bit hash, which the full comparison afterwards sorts out).
    public var bandKeys: [Int64] {
        var keys: [Int64] = []
        keys.reserveCapacity(Self.bands)
        for band in 0..<Self.bands {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(band)
            for value in values[band * Self.rows..<(band + 1) * Self.rows] {
                hash = (hash ^ UInt64(value)) &* 0x0000_0100_0000_01b3
                hash ^= hash >> 29
            }
            keys.append(Int64(bitPattern: hash & 0x7FFF_FFFF_FFFF_FFFF))
        }
        return keys
    }

    /// The estimated Jaccard similarity of the two texts' shingle sets, from 0 to 1.
    public func similarity(to other: StorySignature) -> Double {
        var equal = 0
        for index in 0..<Self.count where values[index] == other.values[index] {
            equal += 1
        }
        return Double(equal) / Double(Self.count)
    }
}
