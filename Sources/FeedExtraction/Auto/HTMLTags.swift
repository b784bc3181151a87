/// The element names the extractor treats alike.
enum HTMLTags {
    /// Never part of an article, whatever their class: code, styling, controls, embedded documents, metadata.
    static let neverContent: Set<String> = [
        "script", "style", "noscript", "template", "iframe", "object", "embed", "button", "input", "select",
        "textarea", "option", "svg", "canvas", "dialog", "link", "meta", "head", "title", "base", "audio", "video",
        "source", "track", "map", "frameset", "frame", "applet",
    ]
    /// Page furniture by name: dropped unless the article is inside (some sites wrap the whole page in a form).
    static let furniture: Set<String> = ["nav", "aside", "footer", "header", "form", "menu"]
    /// Block elements: a `<div>` holding none of them is a paragraph.
    static let block: Set<String> = [
        "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "menu", "nav",
        "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul",
    ]
    static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
}
