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
        let start: xmlNodePtr
        switch context?.storage {
        case .node(let node):
            start = node
        case .value:
            // A string has no nodes below it.
            return []
        case nil:
            start = UnsafeMutableRawPointer(document).assumingMemoryBound(to: xmlNode.self)
        }
        let engine = XPathEngine(document: document)
        guard let compiled = engine.compile(selector.xpath) else {
            throw failure(of: selector, engine.takeError())
        }
        defer { xmlXPathFreeCompExpr(compiled) }
        guard let result = engine.evaluate(compiled, at: start) else {
            throw failure(of: selector, engine.takeError())
        }
        defer { xmlXPathFreeObject(result) }
        guard result.pointee.type == XPATH_NODESET else {
            guard let value = xmlXPathCastToString(result) else {
                return []
            }
            defer { cxml_free(value) }
            let string = String(cString: value)
            return string.isEmpty ? [] : [HTMLNode(page: self, storage: .value(string))]
        }
        guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0, let members = set.pointee.nodeTab else {
            return []
        }
        var nodes: [HTMLNode] = []
        nodes.reserveCapacity(min(Int(set.pointee.nodeNr), Self.maxSelectedNodes))
        for index in 0..<Int(set.pointee.nodeNr) where nodes.count < Self.maxSelectedNodes {
            guard let node = members[index], node.pointee.type != XML_NAMESPACE_DECL else {
                continue
            }
            nodes.append(HTMLNode(page: self, storage: .node(node)))
        }
        return nodes
    }

    private func failure(of selector: NodeSelector, _ reason: String) -> SelectorError {
        SelectorError(language: selector.language, expression: selector.expression, reason: reason)
    }
}
