/// A character encoding that `InputDecoder` knows how to turn into UTF-8, resolved from a label.
///
/// Labels come from HTTP headers and XML declarations, so they are untrusted: `resolve(_:)` accepts only short
/// names made of letters, digits and `-_.:+`, and returns nil for anything it cannot decode.
enum InputEncoding {
    /// The two byte orders of UTF-16 and UTF-32.
    enum ByteOrder {
        case littleEndian
        case bigEndian
    }

    /// UTF-8; `name` is what `InputDecoder.encoding` reports.
    case utf8
    /// Windows-1252 through the built-in table; `name` is "windows-1252" or "iso-8859-1" (browsers read the latter as
    /// the former, and so do feeds in practice).
    case windows1252(name: String)
    /// A single-byte encoding glibc iconv lacks or gets wrong, through a built-in table.
    case builtInTable(SingleByteTable, name: String)
    /// UTF-16; a nil byte order means the label did not say and the bytes must decide.
    case utf16(ByteOrder?)
    /// UTF-32; a nil byte order means the label did not say and the bytes must decide.
    case utf32(ByteOrder?)
    /// Anything else glibc iconv can read; the converter is already open.
    case iconv(IconvConverter, name: String)

    /// Resolves an encoding label such as "ISO-8859-1", "utf8", "x-sjis" or "KOI8-R"; nil when it is unknown.
    static func resolve(_ label: String) -> InputEncoding? {
        var bytes = Array(label.utf8)
        while let last = bytes.last, isTrimmable(last) { bytes.removeLast() }
        while let first = bytes.first, isTrimmable(first) { bytes.removeFirst() }
        guard !bytes.isEmpty, bytes.count <= 40, bytes.allSatisfy(isLabelByte) else { return nil }
        let lower = String(decoding: bytes.map(asciiLowercased), as: UTF8.self)
        let key = String(
            decoding: bytes.filter { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: "_") }
                .map(asciiLowercased), as: UTF8.self)

        switch key {
        case "utf8", "unicode11utf8", "unicode20utf8", "xunicode20utf8":
            return .utf8
        // Documents that say ASCII are very often UTF-8 in fact; UTF-8 with the windows-1252 fallback covers both.
        case "usascii", "ascii", "ansix3.41968", "iso646us", "us", "cp367", "ibm367", "csascii":
            return .utf8
        case "iso88591", "iso88591:1987", "latin1", "l1", "isoir100", "cp819", "ibm819", "csisolatin1", "88591":
            return .windows1252(name: "iso-8859-1")
        case "windows1252", "cp1252", "xcp1252", "ms1252":
            return .windows1252(name: "windows-1252")
        case "utf16", "ucs2", "unicode", "iso10646ucs2", "csunicode":
            return .utf16(nil)
        case "utf16le", "unicodelittle", "ucs2le":
            return .utf16(.littleEndian)
        case "utf16be", "unicodebig", "ucs2be", "unicodefffe":
            return .utf16(.bigEndian)
        case "utf32", "ucs4", "iso10646ucs4":
            return .utf32(nil)
        case "utf32le", "ucs4le":
            return .utf32(.littleEndian)
        case "utf32be", "ucs4be":
            return .utf32(.bigEndian)
        // Browsers read these labels with the Microsoft supersets; feeds are written by the same tools.
        case "shiftjis", "sjis", "xsjis", "mskanji", "csshiftjis", "windows31j", "cp932", "xmscp932":
            return opened("CP932", name: "shift_jis")
        case "gb2312", "gbk", "xgbk", "cp936", "chinese", "csgb2312", "euccn", "gb18030", "isoir58", "gb231280":
            return opened("GB18030", name: "gb18030")
        case "big5", "big5hkscs", "cnbig5", "xxbig5", "csbig5":
            return opened("BIG5-HKSCS", name: "big5")
        case "euckr", "ksc56011987", "ksc5601", "windows949", "cp949", "csksc56011987", "isoir149", "korean":
            return opened("CP949", name: "euc-kr")
        case "eucjp", "xeucjp", "cseucpkdfmtjapanese":
            return opened("EUC-JP", name: "euc-jp")
        case "iso2022jp", "csiso2022jp":
            return opened("ISO-2022-JP", name: "iso-2022-jp")
        case "koi8r", "koi8", "cskoi8r":
            return opened("KOI8-R", name: "koi8-r")
        case "koi8u", "koi8ru":
            return opened("KOI8-U", name: "koi8-u")
        // Mac and DOS code pages under the names Python and browsers accept, mapped to glibc's names for them.
        case "macintosh", "macroman", "mac", "xmacroman", "csmacintosh":
            return opened("MACINTOSH", name: "macintosh")
        case "maccentraleurope", "maclatin2", "xmacce", "xmaccentraleurope", "maccentraleuropean", "maccentraleuro":
            return opened("MAC-CENTRALEUROPE", name: "x-mac-ce")
        case "maccyrillic", "xmaccyrillic", "macukrainian", "xmacukrainian":
            return opened("MAC-CYRILLIC", name: "x-mac-cyrillic")
        case "macgreek", "xmacgreek":
            return .builtInTable(SingleByteTable.macGreek, name: "x-mac-greek")
        case "macturkish", "xmacturkish":
            return .builtInTable(SingleByteTable.macTurkish, name: "x-mac-turkish")
        case "maciceland", "macicelandic", "xmacicelandic", "xmaciceland":
            return .builtInTable(SingleByteTable.macIcelandic, name: "x-mac-icelandic")
        case "cpis", "csibm861", "cp861", "ibm861", "861":
            return opened("IBM861", name: "ibm861")
        case "cspc8codepage437":
            return opened("IBM437", name: "ibm437")
        // EBCDIC US/Canada under the names Python accepts and glibc lacks.
        case "ibm039", "cp039":
            return opened("IBM037", name: "ibm037")
        case "windows1255", "cp1255", "mshebr", "xcp1255":
            return opened("CP1255", name: "windows-1255")
        case "windows1258", "cp1258", "xcp1258":
            return opened("CP1258", name: "windows-1258")
        case "tcvn", "tcvn5712", "tcvn57121", "tcvn57121:1993", "xviettcvn", "xviettcvn5712":
            return opened("TCVN5712-1", name: "tcvn")
        default:
            if let codePage = ibmCodePage(key) {
                return opened("IBM\(codePage)", name: "ibm\(codePage)")
            }
            if (key.count == 11 && key.hasPrefix("windows125")) || (key.count == 6 && key.hasPrefix("cp125")),
                let digit = key.last, digit.isASCII, digit.isNumber
            {
                return opened("CP125\(digit)", name: "windows-125\(digit)")
            }
            if key.hasPrefix("iso8859") {
                let part = key.dropFirst("iso8859".count)
                return opened("ISO-8859-\(part)", name: "iso-8859-\(part)")
            }
            // glibc spells its names with hyphens where labels often have underscores ("ebcdic_cp_be").
            if let known = opened(lower.uppercased(), name: lower) { return known }
            guard lower.contains("_") else { return nil }
            return opened(String(lower.uppercased().map { $0 == "_" ? "-" : $0 }), name: lower)
        }
    }

    /// The name `InputDecoder.encoding` reports for this encoding.
    var name: String {
        switch self {
        case .utf8: return "utf-8"
        case .windows1252(let name): return name
        case .builtInTable(_, let name): return name
        case .utf16(let order): return order == .bigEndian ? "utf-16be" : order == nil ? "utf-16" : "utf-16le"
        case .utf32(let order): return order == .bigEndian ? "utf-32be" : order == nil ? "utf-32" : "utf-32le"
        case .iconv(_, let name): return name
        }
    }

    /// True for UTF-16 and UTF-32, whose bytes are not a superset of ASCII.
    var isWide: Bool {
        switch self {
        case .utf16, .utf32: return true
        default: return false
        }
    }

    private static func opened(_ iconvName: String, name: String) -> InputEncoding? {
        guard let converter = IconvConverter(from: iconvName, unitWidth: 1) else { return nil }
        return .iconv(converter, name: name)
    }

    /// The number of a DOS code page under a MIME name iconv does not know ("csibm850", "cspc850multilingual",
    /// "cspcp852", "850"); nil otherwise. "cp850" and "ibm850" need no help: iconv knows them.
    private static func ibmCodePage(_ key: String) -> Substring? {
        var rest = Substring(key)
        for prefix in ["csibm", "cspcp", "cspc"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            break
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard digits.count == 3, digits == "437" || digits.hasPrefix("7") || digits.hasPrefix("8") else { return nil }
        // Only the cspc names carry a description after the number ("cspc862latinhebrew").
        guard rest.count == 3 || key.hasPrefix("cspc") else { return nil }
        return digits
    }

    private static func isTrimmable(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "+"):
            return true
        default:
            return false
        }
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
