internal import FeedHTML

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
    /// True when TAB, LF, CR and bytes 0x20-0x7F mean their ASCII characters, so runs of them can pass through
    /// unchanged (other bytes always go through the table).
    let isASCIICompatible: Bool

    /// Windows-1252, also used for ISO-8859-1 and as the fallback for bytes that are invalid in any encoding.
    static let windows1252 = SingleByteTable(
        entries: (0..<256).map { (byte: Int) -> Entry in
            let isHigh = byte >= 0x80 && byte < 0xA0
            let scalar: UInt32 = isHigh ? UInt32(Windows1252.high[byte - 0x80]) : UInt32(byte)
            return Entry(scalar: scalar)
        },
        isASCIICompatible: true
    )

    private init(entries: [Entry], isASCIICompatible: Bool) {
        self.entries = entries
        self.isASCIICompatible = isASCIICompatible
    }

    /// Builds the table of `converter`'s encoding by converting each byte on its own; nil when the encoding is not
    /// a stateless single-byte one (a byte is incomplete, produces nothing or more than one BMP character).
    ///
    /// Encodings with combining marks (windows-1255, windows-1258, TCVN) get a table too: each mark becomes its own
    /// combining character, as Python's codecs decode them, instead of being composed with the letter before it.
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
                if Self.passesThrough(byte) { asciiCompatible = false }
            case .notSingleByte:
                return nil
            case .scalar(let scalar):
                guard scalar <= 0xFFFF else { return nil }
                if (0x80...0x9F).contains(scalar) {
                    // ISO-8859-x maps 0x80-0x9F to C1 controls, which in a feed are always windows-1252 text.
                    entries.append(SingleByteTable.windows1252.entries[Int(scalar)])
                } else {
                    entries.append(Entry(scalar: scalar))
                }
                if Self.passesThrough(byte) && scalar != UInt32(byte) { asciiCompatible = false }
            }
        }
        self.init(entries: entries, isASCIICompatible: asciiCompatible)
    }

    /// Mac Greek as Apple maps it (glibc iconv lacks it).
    static let macGreek = SingleByteTable(high: macGreekHigh)
    /// Mac Turkish as Apple maps it (glibc iconv lacks it).
    static let macTurkish = SingleByteTable(high: macTurkishHigh)
    /// Mac Icelandic as Apple maps it (glibc's MAC-IS is an older table, without Ý, Ð, Þ where Apple has them).
    static let macIcelandic = SingleByteTable(high: macIcelandicHigh)

    /// A table with ASCII below 0x80 and `high` (128 BMP characters) for bytes 0x80-0xFF.
    private init(high: [UInt16]) {
        let entries = (0..<256).map { (byte: Int) -> Entry in
            Entry(scalar: byte < 0x80 ? UInt32(byte) : UInt32(high[byte - 0x80]))
        }
        self.init(entries: entries, isASCIICompatible: true)
    }

    /// True for the bytes `UTF8Writer` copies straight through when the table is ASCII-compatible.
    private static func passesThrough(_ byte: UInt8) -> Bool {
        (byte >= 0x20 && byte < 0x80) || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// True for the characters of XML 1.0's `Char` production.
    static func isXMLCharacter(_ scalar: UInt32) -> Bool {
        if scalar < 0x20 { return scalar == 0x09 || scalar == 0x0A || scalar == 0x0D }
        if scalar < 0xD800 { return true }
        if scalar < 0xE000 { return false }
        return scalar != 0xFFFE && scalar != 0xFFFF && scalar <= 0x10FFFF
    }

    /// The characters of Mac Greek bytes 0x80-0xFF (Apple's mapping, as in Python's `mac_greek` codec).
    private static let macGreekHigh: [UInt16] = [
        0x00C4, 0x00B9, 0x00B2, 0x00C9, 0x00B3, 0x00D6, 0x00DC, 0x0385,
        0x00E0, 0x00E2, 0x00E4, 0x0384, 0x00A8, 0x00E7, 0x00E9, 0x00E8,
        0x00EA, 0x00EB, 0x00A3, 0x2122, 0x00EE, 0x00EF, 0x2022, 0x00BD,
        0x2030, 0x00F4, 0x00F6, 0x00A6, 0x20AC, 0x00F9, 0x00FB, 0x00FC,
        0x2020, 0x0393, 0x0394, 0x0398, 0x039B, 0x039E, 0x03A0, 0x00DF,
        0x00AE, 0x00A9, 0x03A3, 0x03AA, 0x00A7, 0x2260, 0x00B0, 0x00B7,
        0x0391, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x0392, 0x0395, 0x0396,
        0x0397, 0x0399, 0x039A, 0x039C, 0x03A6, 0x03AB, 0x03A8, 0x03A9,
        0x03AC, 0x039D, 0x00AC, 0x039F, 0x03A1, 0x2248, 0x03A4, 0x00AB,
        0x00BB, 0x2026, 0x00A0, 0x03A5, 0x03A7, 0x0386, 0x0388, 0x0153,
        0x2013, 0x2015, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x0389,
        0x038A, 0x038C, 0x038E, 0x03AD, 0x03AE, 0x03AF, 0x03CC, 0x038F,
        0x03CD, 0x03B1, 0x03B2, 0x03C8, 0x03B4, 0x03B5, 0x03C6, 0x03B3,
        0x03B7, 0x03B9, 0x03BE, 0x03BA, 0x03BB, 0x03BC, 0x03BD, 0x03BF,
        0x03C0, 0x03CE, 0x03C1, 0x03C3, 0x03C4, 0x03B8, 0x03C9, 0x03C2,
        0x03C7, 0x03C5, 0x03B6, 0x03CA, 0x03CB, 0x0390, 0x03B0, 0x00AD,
    ]

    /// The characters of Mac Turkish bytes 0x80-0xFF (Apple's mapping, as in Python's `mac_turkish` codec).
    private static let macTurkishHigh: [UInt16] = [
        0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1,
        0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8,
        0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3,
        0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC,
        0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF,
        0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
        0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211,
        0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8,
        0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB,
        0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153,
        0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA,
        0x00FF, 0x0178, 0x011E, 0x011F, 0x0130, 0x0131, 0x015E, 0x015F,
        0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1,
        0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4,
        0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0xF8A0, 0x02C6, 0x02DC,
        0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7,
    ]

    /// The characters of Mac Icelandic bytes 0x80-0xFF (Apple's mapping, as in Python's `mac_iceland` codec).
    private static let macIcelandicHigh: [UInt16] = [
        0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1,
        0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8,
        0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3,
        0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC,
        0x00DD, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF,
        0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
        0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211,
        0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8,
        0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB,
        0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153,
        0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA,
        0x00FF, 0x0178, 0x2044, 0x20AC, 0x00D0, 0x00F0, 0x00DE, 0x00FE,
        0x00FD, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1,
        0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4,
        0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC,
        0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7,
    ]
}
