/// How to read a page without a feed as one: which elements are its items, and where in each item its title, link,
/// date and summary are.
///
/// `item` is evaluated on the whole page, the others on each item: write XPath relative to it (`.//h2`, `@href`),
/// since `//h2` would search the whole page; CSS is always relative (see ``NodeSelector``).
public struct HTMLItemRules: Sendable, Hashable {
    /// The elements that are items, e.g. `//article` or `css:ul.posts > li`.
    public var item: NodeSelector
    /// The item's title: the text of the first node it matches.
    public var title: NodeSelector
    /// The item's link: the first node's text, or its `href` when it matches an element (`.//a/@href`, `.//a`).
    public var link: NodeSelector
    /// The item's date: the first node's text, or its `datetime` when it matches an element (`.//time`).
    public var date: NodeSelector?
    /// The item's summary: every node it matches, as HTML, sanitized.
    public var summary: NodeSelector?

    /// Rules with the selectors that every page feed has, and optionally a date and a summary.
    public init(
        item: NodeSelector, title: NodeSelector, link: NodeSelector, date: NodeSelector? = nil,
        summary: NodeSelector? = nil
    ) {
        self.item = item
        self.title = title
        self.link = link
        self.date = date
        self.summary = summary
    }
}
