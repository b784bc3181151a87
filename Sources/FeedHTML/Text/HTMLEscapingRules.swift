/// Which bytes `HTMLEscaping` replaces: the sanitizer's text and attribute rules, or the digest's stricter ones.
enum HTMLEscapingRules {
    /// `&`, `<`, `>`: text between tags.
    case text
    /// `&`, `<`, `>`, `"`: a double-quoted attribute value.
    case attribute
    /// `&`, `<`, `>`, `"`, `'`, and the C0 controls HTML forbids (dropped), for text that was never markup.
    case document

    /// Bit n is set when byte n (< 64) is replaced; DEL, the one such byte above 63, is checked on its own.
    var specials: UInt64 {
        let markup: UInt64 = (1 << 0x26) | (1 << 0x3C) | (1 << 0x3E)
        switch self {
        case .text: return markup
        case .attribute: return markup | (1 << 0x22)
        case .document:
            // 0x00-0x1F less tab (0x09), line feed (0x0A) and carriage return (0x0D).
            let controls: UInt64 = 0xFFFF_FFFF & ~((1 << 0x09) | (1 << 0x0A) | (1 << 0x0D))
            return markup | (1 << 0x22) | (1 << 0x27) | controls
        }
    }
}
