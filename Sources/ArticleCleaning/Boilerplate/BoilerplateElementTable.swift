/// `ArticleElement.of(_:)` without `Dictionary`'s seeded hashing: an open-addressing table of packed names,
/// because the boilerplate scanners look up every tag of every article.
struct BoilerplateElementTable {
    private struct Slot {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var element = ArticleElement.inline
    }

    private static let size = 256
    private var slots = [Slot](repeating: Slot(), count: size)

    static let shared = BoilerplateElementTable()

    private init() {
        let names: [StaticString] = [
            "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "figure", "figcaption", "section",
            "article", "table", "thead", "tbody", "tfoot", "caption", "hr", "dl", "dd", "dt", "address", "aside",
            "header", "footer", "main", "nav", "details", "summary", "center", "hgroup", "form", "fieldset",
            "legend", "search", "dialog", "ul", "ol", "menu", "dir", "pre", "listing", "xmp", "plaintext", "script",
            "style", "template", "noscript", "title", "textarea", "td", "th", "li", "br",
        ]
        for name in names {
            let bytes = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
            let (low, high) = Self.pack(bytes)
            var index = Self.slot(low, high)
            while slots[index].low != 0 { index = (index + 1) & (Self.size - 1) }
            slots[index] = Slot(low: low, high: high, element: ArticleElement.of(bytes))
        }
    }

    /// The meaning of the element named by the ASCII bytes `name` (any case); `.inline` when unknown.
    func element(_ name: UnsafeBufferPointer<UInt8>) -> ArticleElement {
        guard !name.isEmpty, name.count <= 16 else { return .inline }
        let (low, high) = Self.pack(name)
        var index = Self.slot(low, high)
        while true {
            let slot = slots[index]
            if slot.low == low && slot.high == high { return slot.element }
            if slot.low == 0 { return .inline }
            index = (index + 1) & (Self.size - 1)
        }
    }

    @inline(__always)
    private static func pack(_ name: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for index in 0..<name.count {
            let byte = name[index]
            let lowered = UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            if index < 8 {
                low |= lowered << UInt64(index * 8)
            } else {
                high |= lowered << UInt64((index - 8) * 8)
            }
        }
        return (low, high)
    }

    @inline(__always)
    private static func slot(_ low: UInt64, _ high: UInt64) -> Int {
        Int(truncatingIfNeeded: ((low ^ (high &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15) >> 56)
    }
}
