/// A 256-entry map from the bytes of a single-byte encoding to UTF-8, for decoding without iconv calls.
///
/// Characters XML 1.0 forbids map to empty entries (they are dropped); bytes the encoding leaves undefined map to
/// their windows-1252 character and are marked as fallbacks.
struct SingleByteTable: Sendable {
    /// One byte's UTF-8 form: up to three bytes, little end first, with the length and a fallback flag above them.
    struct Entry: Sendable {
        /// Bits 0-23: the UTF-8 bytes; bits 24-25: the length (0 = dropped); bit 31: the byte was undefined.
        let raw: UInt32

        var bytes: UInt32 { raw & 0xFF_FFFF }
        var length: Int { Int((raw >> 24) & 0x3) }
        var isFallback: Bool { raw & 0x8000_0000 != 0 }

        init(raw: UInt32) {
            self.raw = raw
        }

        /// The entry for `scalar`, or an empty one when XML 1.0 does not allow it.
        init(scalar: UInt32, isFallback: Bool = false) {
            let flag: UInt32 = isFallback ? 0x8000_0000 : 0
            guard SingleByteTable.isXMLCharacter(scalar) else {
                raw = flag
                return
            }
            let low = 0x80 | scalar & 0x3F
            if scalar < 0x80 {
                raw = flag | 1 << 24 | scalar
            } else if scalar < 0x800 {
                let lead: UInt32 = 0xC0 | scalar >> 6
                raw = flag | 2 << 24 | low << 8 | lead
            } else {
                let lead: UInt32 = 0xE0 | scalar >> 12
                let middle: UInt32 = 0x80 | (scalar >> 6) & 0x3F
                raw = flag | 3 << 24 | low << 16 | middle << 8 | lead
            }
        }
    }

    /// The UTF-8 form of each byte value.
    let entries: [Entry]
    /// True when bytes 0x00-0x7F mean their ASCII characters, so ASCII runs can pass through unchanged.
    let isASCIICompatible: Bool

    /// Windows-1252, also used for ISO-8859-1 and as the fallback for bytes that are invalid in any encoding.
    static let windows1252 = SingleByteTable(
        entries: (0..<256).map { (byte: Int) -> Entry in
            let isHigh = byte >= 0x80 && byte < 0xA0
            let scalar: UInt32 = isHigh ? UInt32(windows1252High[byte - 0x80]) : UInt32(byte)
            return Entry(scalar: scalar)
        },
        isASCIICompatible: true
    )

    /// The characters of windows-1252 bytes 0x80-0x9F; the five bytes it leaves undefined map to C1 controls, as
    /// in browsers.
    private static let windows1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    private init(entries: [Entry], isASCIICompatible: Bool) {
        self.entries = entries
        self.isASCIICompatible = isASCIICompatible
    }

    /// Builds the table of `converter`'s encoding by converting each byte on its own; nil when the encoding is not
    /// a stateless single-byte one (a byte is incomplete, produces nothing or more than one BMP character).
    init?(converter: IconvConverter) {
        var entries: [Entry] = []
        entries.reserveCapacity(256)
        var asciiCompatible = true
        for value in 0..<256 {
            let byte = UInt8(value)
            switch converter.convertSingleByte(byte) {
            case .invalid:
                let fallback = SingleByteTable.windows1252.entries[value]
                entries.append(Entry(raw: fallback.raw | 0x8000_0000))
                if byte < 0x80 { asciiCompatible = false }
            case .notSingleByte:
                return nil
            case .scalar(let scalar):
                guard scalar <= 0xFFFF else { return nil }
                entries.append(Entry(scalar: scalar))
                if byte < 0x80 && scalar != UInt32(byte) { asciiCompatible = false }
            }
        }
        self.init(entries: entries, isASCIICompatible: asciiCompatible)
    }

    /// True for the characters of XML 1.0's `Char` production.
    static func isXMLCharacter(_ scalar: UInt32) -> Bool {
        if scalar < 0x20 { return scalar == 0x09 || scalar == 0x0A || scalar == 0x0D }
        if scalar < 0xD800 { return true }
        if scalar < 0xE000 { return false }
        return scalar != 0xFFFE && scalar != 0xFFFF && scalar <= 0x10FFFF
    }
}
