/// What an element means for the plain text of an article.
enum ArticleElement: UInt8, Sendable {
    /// Formatting only: no break (`a`, `em`, `span`, and any unknown or custom element).
    case inline
    /// A word break: table cells.
    case cell
    /// A line break: `br`.
    case lineBreak
    /// A list item: its own line with a bullet.
    case listItem
    /// A list (`ul`, `ol`, `menu`, `dir`): a paragraph of its own, items one per line.
    case list
    /// Preformatted text: a paragraph that keeps its line breaks and spaces.
    case preformatted
    /// Any other block (`p`, `div`, `h1`…`h6`, `blockquote`, `tr`, `hr`, …): ends a paragraph.
    case block
    /// Content that is never text (`script`, `style`, `template`, `noscript`, `title`, `textarea`): skipped.
    case rawText

    /// The meaning of the element named by the ASCII bytes `name` (any case); `.inline` when unknown.
    static func of(_ name: UnsafeBufferPointer<UInt8>) -> ArticleElement {
        guard let key = Key(name) else { return .inline }
        return table[key] ?? .inline
    }

    /// A name of up to 16 bytes, lower-cased and packed into two words, cheap to hash.
    private struct Key: Hashable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        init?(_ name: UnsafeBufferPointer<UInt8>) {
            guard !name.isEmpty, name.count <= 16 else { return nil }
            for index in 0..<name.count { add(name[index], at: index) }
        }

        init(_ literal: StaticString) {
            for index in 0..<literal.utf8CodeUnitCount { add(literal.utf8Start[index], at: index) }
        }

        private mutating func add(_ byte: UInt8, at index: Int) {
            let lowered = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
            if index < 8 {
                low |= UInt64(lowered) << UInt64(index * 8)
            } else {
                high |= UInt64(lowered) << UInt64((index - 8) * 8)
            }
        }
    }

    private static let table: [Key: ArticleElement] = {
        var table: [Key: ArticleElement] = [:]
        let blocks: [StaticString] = [
            "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "figure", "figcaption", "section",
            "article", "table", "thead", "tbody", "tfoot", "caption", "hr", "dl", "dd", "dt", "address", "aside",
            "header", "footer", "main", "nav", "details", "summary", "center", "hgroup", "form", "fieldset",
            "legend", "search", "dialog",
        ]
        for name in blocks { table[Key(name)] = .block }
        for name: StaticString in ["ul", "ol", "menu", "dir"] { table[Key(name)] = .list }
        for name: StaticString in ["pre", "listing", "xmp", "plaintext"] { table[Key(name)] = .preformatted }
        for name: StaticString in ["script", "style", "template", "noscript", "title", "textarea"] {
            table[Key(name)] = .rawText
        }
        table[Key("td")] = .cell
        table[Key("th")] = .cell
        table[Key("li")] = .listItem
        table[Key("br")] = .lineBreak
        return table
    }()
}
