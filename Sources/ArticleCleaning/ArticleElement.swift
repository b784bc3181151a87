internal import FeedHTML

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
    static func of(_ name: Span<UInt8>) -> ArticleElement {
        guard let key = HTMLNameKey(name) else { return .inline }
        return table[key] ?? .inline
    }

    /// Looked up for every tag of every article, so a name table rather than a `Dictionary`.
    private static let table: HTMLNameTable<ArticleElement> = {
        var entries: [(HTMLNameKey, ArticleElement)] = []
        let blocks: [StaticString] = [
            "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "figure", "figcaption", "section",
            "article", "table", "thead", "tbody", "tfoot", "caption", "hr", "dl", "dd", "dt", "address", "aside",
            "header", "footer", "main", "nav", "details", "summary", "center", "hgroup", "form", "fieldset",
            "legend", "search", "dialog",
        ]
        entries += blocks.map { (HTMLNameKey($0), .block) }
        entries += (["ul", "ol", "menu", "dir"] as [StaticString]).map { (HTMLNameKey($0), .list) }
        entries += (["pre", "listing", "xmp", "plaintext"] as [StaticString]).map { (HTMLNameKey($0), .preformatted) }
        let raw: [StaticString] = ["script", "style", "template", "noscript", "title", "textarea"]
        entries += raw.map { (HTMLNameKey($0), .rawText) }
        entries += [
            (HTMLNameKey("td"), .cell), (HTMLNameKey("th"), .cell), (HTMLNameKey("li"), .listItem),
            (HTMLNameKey("br"), .lineBreak),
        ]
        return HTMLNameTable(entries)
    }()
}
