internal import CLibXML2

/// Resolves URL references from feeds against a base, the way RFC 3986 section 5 says.
///
/// Feeds carry relative links (`/posts/1`, `../img.png`, `?page=2`) whose base is the nearest `xml:base`,
/// else the document's own URL, else the channel link. Resolution goes through libxml2's `xmlBuildURI`;
/// references with spaces or non-ASCII characters are percent-encoded first, as browsers do.
public enum URLResolver {
    /// The absolute form of `reference`, or nil when there is nothing usable to resolve.
    ///
    /// Leading and trailing whitespace is ignored. When no base is known, a relative reference stays
    /// relative (the caller may resolve it later against a base it learns).
    public static func resolve(_ reference: String, against base: String?) -> String? {
        let trimmed = reference.trimmingASCIIWhitespace()
        guard let base, !base.isEmpty else { return trimmed.isEmpty ? nil : trimmed }
        if trimmed.isEmpty { return base }
        if isPlainAbsoluteHTTP(trimmed) { return trimmed }
        if let built = build(trimmed, base) { return built }
        let escapedReference = percentEncodeUnsafe(trimmed)
        let escapedBase = percentEncodeUnsafe(base)
        if let built = build(escapedReference, escapedBase) { return built }
        return hasScheme(trimmed) ? escapedReference : nil
    }

    /// True when `string` starts with a URI scheme (`letter *( letter / digit / "+" / "-" / "." ) ":"`).
    public static func hasScheme(_ string: String) -> Bool {
        var index = 0
        for byte in string.utf8 {
            if byte == UInt8(ascii: ":") { return index > 0 }
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let isOther =
                (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            if !(isLetter || (index > 0 && isOther)) { return false }
            index += 1
        }
        return false
    }

    /// The scheme of `string`, lower-cased, or nil when it has none.
    public static func scheme(of string: String) -> String? {
        guard hasScheme(string), let colon = string.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        return String(string[..<colon]).lowercased()
    }

    private static func build(_ reference: String, _ base: String) -> String? {
        guard let built = xmlBuildURI(reference, base) else { return nil }
        defer { cxml_free(built) }
        let result = String(cString: built)
        return result.isEmpty ? nil : result
    }

    /// A URL that is already absolute http(s) and has nothing that needs escaping or normalising passes through
    /// untouched (the common case, worth a fast byte scan instead of a round trip through libxml2).
    private static func isPlainAbsoluteHTTP(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { bytes -> Bool in
            guard bytes.count > 8 else { return false }
            func lower(_ index: Int) -> UInt8 { bytes[index] | 0x20 }
            guard lower(0) == UInt8(ascii: "h"), lower(1) == UInt8(ascii: "t"), lower(2) == UInt8(ascii: "t"),
                lower(3) == UInt8(ascii: "p")
            else { return false }
            let afterScheme: Int
            if bytes[4] == UInt8(ascii: ":") {
                afterScheme = 5
            } else if lower(4) == UInt8(ascii: "s") && bytes[5] == UInt8(ascii: ":") {
                afterScheme = 6
            } else {
                return false
            }
            guard bytes[afterScheme] == UInt8(ascii: "/"), bytes[afterScheme + 1] == UInt8(ascii: "/") else {
                return false
            }
            var previousSlash = false
            var dotsAfterSlash = 0
            for byte in bytes {
                if byte <= 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\\") { return false }
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") {
                    // A "." or ".." path segment needs normalising.
                    if previousSlash && (dotsAfterSlash == 1 || dotsAfterSlash == 2) { return false }
                    if byte != UInt8(ascii: "/") { return true }
                    previousSlash = true
                    dotsAfterSlash = 0
                } else if byte == UInt8(ascii: ".") && previousSlash {
                    dotsAfterSlash += 1
                } else {
                    previousSlash = false
                    dotsAfterSlash = 0
                }
            }
            return !(previousSlash && (dotsAfterSlash == 1 || dotsAfterSlash == 2))
        }
    }

    /// Percent-encodes bytes that may not appear in a URI (spaces, controls, non-ASCII, a few delimiters).
    static func percentEncodeUnsafe(_ string: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(string.utf8.count + 8)
        for byte in string.utf8 {
            switch byte {
            case 0...0x20, 0x7F...0xFF, UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"),
                UInt8(ascii: "\\"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"),
                UInt8(ascii: "}"):
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default:
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
