internal import CLibXML2

extension HTMLPage {
    /// The most nodes one selection returns; the rest of a larger match is dropped.
    public static let maxSelectedNodes = 10_000

    /// Nodes matching `selector`, in document order, below `context` (the whole page when nil).
    ///
    /// An empty array when nothing matches or the evaluation failed; ``HTMLPage/nodes(matching:in:)`` says why.
    public func select(_ selector: NodeSelector, in context: HTMLNode? = nil) -> [HTMLNode] {
        (try? nodes(matching: selector, in: context)) ?? []
    }

    /// Nodes matching `selector`, in document order, below `context` (the whole page when nil), at most
    /// ``HTMLPage/maxSelectedNodes``.
    ///
    /// An XPath that returns a string, number or boolean (`string(.//h1)`, `count(//p)`) yields one node whose
    /// name is `#value` and whose text is that value, or no node when the string is empty. Throws when libxml2
    /// fails to evaluate the selector on this page: an unknown function or variable, or more than
    /// ``XPathEngine/operationLimit`` steps.
    public func nodes(matching selector: NodeSelector, in context: HTMLNode? = nil) throws(SelectorError)
        -> [HTMLNode]
    {
        try PageSelection(page: self).nodes(matching: selector, in: context)
    }
}
