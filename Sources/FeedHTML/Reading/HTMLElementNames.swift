/// Names of real HTML elements, current and obsolete, used to tell markup from text that only looks like it.
///
/// "Release <v2>" or "Foo <beta>" in a title is text, not a tag: browsers would hide it, but a reader showing
/// titles should not.
enum HTMLElementNames {
    /// What seeing an element means for extracted text.
    enum Role: UInt8, Sendable {
        /// Nothing: inline formatting.
        case inline
        /// A word break: block-level elements and line breaks.
        case block
        /// Its content is not text at all (script, style) and is skipped up to the matching end tag.
        case rawText
    }

    /// Every known element name with its role.
    static let roles: HTMLNameTable<Role> = {
        var table: [(HTMLNameKey, Role)] = []
        let inline: [StaticString] = [
            "a", "abbr", "acronym", "audio", "b", "bdi", "bdo", "big", "blink", "button", "canvas", "cite", "code",
            "data", "del", "dfn", "em", "embed", "font", "i", "img", "input", "ins", "kbd", "label", "link", "map",
            "mark", "meta", "meter", "nobr", "object", "output", "picture", "progress", "q", "rp", "rt", "ruby", "s",
            "samp", "select", "small", "source", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
            "video", "wbr", "base", "basefont", "param", "track", "slot", "html", "head", "body", "colgroup", "col",
            "optgroup", "option", "datalist", "area", "image", "marquee", "spacer", "frame", "keygen", "applet",
            "bgsound", "layer", "ilayer", "multicol", "nextid", "rb", "rtc", "menuitem",
        ]
        let block: [StaticString] = [
            "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "details", "dialog", "dir",
            "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frameset", "h1", "h2", "h3",
            "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li", "listing", "main", "menu", "nav", "ol", "p",
            "plaintext", "pre", "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
            "ul", "xmp", "iframe", "svg", "math", "noframes", "noembed", "textarea", "title",
        ]
        let raw: [StaticString] = ["script", "style", "template", "noscript"]
        table += inline.map { (HTMLNameKey($0), .inline) }
        table += block.map { (HTMLNameKey($0), .block) }
        table += raw.map { (HTMLNameKey($0), .rawText) }
        return HTMLNameTable(table)
    }()
}
