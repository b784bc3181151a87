/// The characters windows-1252 gives bytes 0x80-0x9F: feedd's one copy of the table that decoding feeds, numeric
/// character references (`&#146;`) and the sanitizer's handling of C1 controls all read as browsers do.
public enum Windows1252 {
    /// The character of byte `0x80 + index` for `index` in 0..<32; the five bytes windows-1252 leaves undefined map
    /// to their C1 controls, as in browsers.
    public static let high: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
