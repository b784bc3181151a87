/// Parses and formats the byte-size syntax used in feedd.toml and on feedctl's command line.
///
/// A size is a non-negative integer followed by an optional unit: `B`, binary `KiB`, `MiB`, `GiB`, `TiB` (powers of
/// 1024) or decimal `KB`, `MB`, `GB`, `TB` (powers of 1000); units are case-insensitive and may be preceded by a space.
/// A bare integer means bytes. Fractions are not accepted.
public enum SizeSyntax {
    /// What a valid size looks like, for error messages.
    public static let expectation = "a size such as 512KiB, 15MiB or 1GiB"

    /// Parses `text` into a number of bytes, returning nil if it is not a valid size or does not fit in `Int`.
    public static func parse(_ text: String) -> Int? {
        var bytes = Array(text.utf8)[...]
        trimSpaces(&bytes)
        let digits = bytes.prefix(while: isDigit)
        guard !digits.isEmpty, let value = integer(digits) else { return nil }
        bytes = bytes.dropFirst(digits.count)
        trimLeadingSpaces(&bytes)
        let multiplier: Int64
        if bytes.isEmpty {
            multiplier = 1
        } else {
            guard bytes.allSatisfy(isLetter),
                let unit = units.first(where: {
                    $0.symbol.lowercased() == String(decoding: bytes, as: UTF8.self).lowercased()
                })
            else { return nil }
            multiplier = unit.multiplier
        }
        guard case let (product, false) = value.multipliedReportingOverflow(by: multiplier), product <= Int.max else {
            return nil
        }
        return Int(product)
    }

    /// Formats `bytes` as the shortest exact text that `parse` reads back, such as `15MiB`, `100KB` or `512B`.
    ///
    /// Binary units win over decimal ones of the same length; negative values get a leading `-` (which `parse`
    /// rejects).
    public static func format(_ bytes: Int) -> String {
        if bytes < 0 {
            return "-" + format(bytes == Int.min ? Int.max : -bytes)
        }
        var best = "\(bytes)B"
        guard bytes > 0 else { return best }
        for unit in units where Int64(bytes) % unit.multiplier == 0 {
            let candidate = "\(Int64(bytes) / unit.multiplier)\(unit.symbol)"
            if candidate.utf8.count < best.utf8.count {
                best = candidate
            }
        }
        return best
    }

    /// Units from largest to smallest, binary before decimal so that ties in `format` favour binary.
    private static let units: [(symbol: String, multiplier: Int64)] = [
        ("TiB", 1 << 40), ("TB", 1_000_000_000_000),
        ("GiB", 1 << 30), ("GB", 1_000_000_000),
        ("MiB", 1 << 20), ("MB", 1_000_000),
        ("KiB", 1 << 10), ("KB", 1_000),
        ("B", 1),
    ]
}
