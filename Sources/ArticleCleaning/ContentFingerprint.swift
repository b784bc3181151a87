internal import FeedHTML

/// A stable identity for "the same text", whatever its spacing, letter case and punctuation.
///
/// Two versions of an article that differ only in whitespace, ASCII case, punctuation or symbols get the same
/// fingerprint; any difference in letters, digits or word breaks gives another. Safe to call from any thread.
public enum ContentFingerprint {
    /// A 128-bit hash of the normalised `text`, as 32 lower-case hex digits; stable across runs and releases.
    ///
    /// Normalisation: ASCII letters are lower-cased; every run of whitespace, punctuation and symbols (ASCII
    /// and Unicode, including no-break spaces, curly quotes, dashes and emoji) becomes one word break; format
    /// characters (soft hyphens, zero-width spaces and joiners, byte order marks) are removed; leading and
    /// trailing breaks are dropped. Non-ASCII letters are compared as given: neither case-folded nor
    /// Unicode-normalised, so precomposed and decomposed accents differ. The hash is FeedHTML's `StableHash`
    /// (128-bit FNV-1a) of the normalised UTF-8 as one field, which is `""` for text with no letters or digits.
    public static func hash(text: String) -> String {
        hash(text: text, words: .max).digest
    }

    /// Words of the opening `leadHash` covers.
    public static let leadWords = 20

    /// The fingerprint of the first `leadWords` words of `text`, or nil when it has fewer: the same for a teaser
    /// and for the article whose opening it quotes.
    public static func leadHash(text: String) -> String? {
        let (digest, words) = hash(text: text, words: leadWords)
        return words >= leadWords ? digest : nil
    }

    /// The fingerprint of at most `limit` words of `text`, and how many words it covered.
    private static func hash(text: String, words limit: Int) -> (digest: String, words: Int) {
        var text = text
        return text.withUTF8 { hash(utf8: $0, words: limit) }
    }

    /// The fingerprint of at most `limit` words of the valid UTF-8 `bytes`, read a byte at a time: ASCII, nearly
    /// all of most texts, never becomes a `Unicode.Scalar` (iterating `unicodeScalars` took a tenth of cleaning).
    private static func hash(utf8 bytes: UnsafeBufferPointer<UInt8>, words limit: Int) -> (digest: String, words: Int) {
        var hasher = StableHash()
        var pendingBreak = false
        var wroteAny = false
        var words = 0
        var index = 0
        let count = bytes.count
        scan: while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                let lowered = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                guard (lowered >= 0x61 && lowered <= 0x7A) || (byte >= 0x30 && byte <= 0x39) else {
                    pendingBreak = true
                    continue
                }
                if pendingBreak || !wroteAny {
                    if words == limit { break scan }
                    words += 1
                }
                if pendingBreak && wroteAny { hasher.add(0x20) }
                pendingBreak = false
                wroteAny = true
                hasher.add(lowered)
                continue
            }
            // A String's UTF-8 is valid, so every lead byte starts a whole sequence.
            let decoded = UTF8Sequence(bytes, at: index, end: count)
            let sequence = index..<index + (decoded?.length ?? 1)
            index = sequence.upperBound
            switch decoded.flatMap({ Unicode.Scalar($0.value) })?.properties.generalCategory {
            case .format:
                continue scan
            case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .connectorPunctuation,
                .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation,
                .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
                pendingBreak = true
                continue scan
            default:
                break
            }
            if pendingBreak || !wroteAny {
                if words == limit { break scan }
                words += 1
            }
            if pendingBreak && wroteAny { hasher.add(0x20) }
            pendingBreak = false
            wroteAny = true
            for position in sequence { hasher.add(bytes[position]) }
        }
        hasher.endField()
        return (hasher.hexDigest, words)
    }
}
