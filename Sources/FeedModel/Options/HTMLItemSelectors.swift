/// The selectors that read a page's items for `kind = "html"`, as the owner wrote them (XPath, or `css:`).
public struct HTMLItemSelectors: Sendable, Hashable, Codable {
    /// `item`: each match is one entry.
    public var item: String
    /// `title`, `link`, `date`, `summary`: read within each item.
    public var title: String
    public var link: String
    public var date: String?
    public var summary: String?

    public init(item: String, title: String, link: String, date: String? = nil, summary: String? = nil) {
        self.item = item
        self.title = title
        self.link = link
        self.date = date
        self.summary = summary
    }
}
