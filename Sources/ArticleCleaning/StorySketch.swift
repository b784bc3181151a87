import FeedModel

/// Computes an article's `StorySignature` from its cleaned text.
///
/// The text is cut into words (letters and digits; ASCII lower-cased, other scripts compared as written) and every
/// run of four consecutive words is a shingle. Each shingle is hashed once to 64 bits; the sketch's 64 hash
/// functions are multiply-shift functions of that hash, which costs two multiplications per function and shingle.
/// Boilerplate must be gone before this runs: two different stories that end in the same trailer must not share
/// shingles. Safe to call from any thread.
public enum StorySketch {
    /// Words per shingle.
    static let shingleWords = 4

    /// The sketch of `text`, or nil when it has fewer than `StorySignature.minimumShingles` shingles.
    public static func signature(ofText text: String) -> StorySignature? {
        var text = text
        return text.withUTF8 { signature(ofUTF8: $0) }
    }

    private static func signature(ofUTF8 bytes: UnsafeBufferPointer<UInt8>) -> StorySignature? {
        let shingles = shingleHashes(ofUTF8: bytes)
        guard shingles.count >= StorySignature.minimumShingles else { return nil }
        // Four functions at a time over all shingles: each shingle is loaded once for four independent
        // multiplications, in a loop the compiler keeps in registers. The minimum of the high halves is the high
        // half of the minimum, so the shift waits until the end.
        var minima = [UInt32](repeating: .max, count: StorySignature.count)
        shingles.withUnsafeBufferPointer { shingles in
            for first in stride(from: 0, to: StorySignature.count, by: 4) {
                let (m0, m1, m2, m3) = (
                    multipliers[first], multipliers[first + 1], multipliers[first + 2], multipliers[first + 3]
                )
                let (a0, a1, a2, a3) = (addends[first], addends[first + 1], addends[first + 2], addends[first + 3])
                var (v0, v1, v2, v3) = (UInt64.max, UInt64.max, UInt64.max, UInt64.max)
                for shingle in shingles {
                    v0 = min(v0, m0 &* shingle &+ a0)
                    v1 = min(v1, m1 &* shingle &+ a1)
                    v2 = min(v2, m2 &* shingle &+ a2)
                    v3 = min(v3, m3 &* shingle &+ a3)
                }
                minima[first] = UInt32(truncatingIfNeeded: v0 >> 32)
                minima[first + 1] = UInt32(truncatingIfNeeded: v1 >> 32)
                minima[first + 2] = UInt32(truncatingIfNeeded: v2 >> 32)
                minima[first + 3] = UInt32(truncatingIfNeeded: v3 >> 32)
            }
        }
        return StorySignature(values: minima, shingleCount: shingles.count)
    }

    /// The 64-bit hash of every run of `shingleWords` consecutive words, in order.
    private static func shingleHashes(ofUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        var shingles: [UInt64] = []
        shingles.reserveCapacity(bytes.count / 6)
        var window: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var words = 0
        var word: UInt64 = wordSeed
        var inWord = false
        var index = 0
        let count = bytes.count
        func endWord() {
            guard inWord else { return }
            inWord = false
            words += 1
            if words >= shingleWords {
                shingles.append(mix(((window.0 &* prime &+ window.1) &* prime &+ window.2) &* prime &+ word))
            }
            window = (window.1, window.2, word)
            word = wordSeed
        }
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                let lowered = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                if (lowered >= 0x61 && lowered <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                    word = (word ^ UInt64(lowered)) &* fnvPrime
                    inWord = true
                } else if byte != UInt8(ascii: "'") || !inWord {
                    // An apostrophe inside a word ("don't") is part of it; anything else ends the word.
                    endWord()
                }
                index += 1
                continue
            }
            // Typographic punctuation and spaces (U+2000–U+206F: dashes, curly quotes, ellipsis; U+00A0) end a
            // word; a curly apostrophe inside a word is skipped like a straight one.
            if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80 {
                if bytes[index + 2] != 0x99 || !inWord { endWord() }
                index += 3
                continue
            }
            if byte == 0xC2, index + 1 < count, bytes[index + 1] <= 0xBF {
                // Latin-1 punctuation and symbols (no-break space, guillemets, ©) separate words.
                endWord()
                index += 2
                continue
            }
            word = (word ^ UInt64(byte)) &* fnvPrime
            inWord = true
            index += 1
        }
        endWord()
        return shingles
    }

    private static let wordSeed: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3
    private static let prime: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The SplitMix64 finaliser: spreads the shingle hash so that the multiply-shift functions see random bits.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The functions' constants, drawn from a fixed SplitMix64 sequence (the sketches are stored, so these must
    /// never change); multipliers are odd.
    private static let (multipliers, addends): ([UInt64], [UInt64]) = {
        var state: UInt64 = 0x5EED_F00D_FEED_0001
        func next() -> UInt64 {
            state = state &+ 0x9E37_79B9_7F4A_7C15
            return mix(state)
        }
        var multipliers: [UInt64] = []
        var addends: [UInt64] = []
        for _ in 0..<StorySignature.count {
            multipliers.append(next() | 1)
            addends.append(next())
        }
        return (multipliers, addends)
    }()
}
