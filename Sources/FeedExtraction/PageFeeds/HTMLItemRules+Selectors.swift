import FeedModel

extension HTMLItemRules {
    /// The rules the owner's selectors spell, compiled; XPath unless a selector says `css:`.
    ///
    /// - Throws: the first selector's error that cannot be used, in one line.
    public init(_ selectors: HTMLItemSelectors) throws(SelectorError) {
        self.init(
            item: try NodeSelector(selectors.item),
            title: try NodeSelector(selectors.title),
            link: try NodeSelector(selectors.link),
            date: try selectors.date.map { (text) throws(SelectorError) in try NodeSelector(text) },
            summary: try selectors.summary.map { (text) throws(SelectorError) in try NodeSelector(text) })
    }
}
