internal import CLibXML2

/// Evaluates selectors on one page with one XPath context, compiling each selector once: reading a page's items
/// evaluates the same few selectors on thousands of items.
///
/// Belongs to one thread, like its page.
final class PageSelection {
    let page: HTMLPage
    private let engine: XPathEngine
    /// Compiled expressions by XPath text, freed with the selection.
    private var compiled: [String: xmlXPathCompExprPtr] = [:]

    init(page: HTMLPage) {
        self.page = page
        engine = XPathEngine(document: page.document)
    }

    deinit {
        for expression in compiled.values {
            xmlXPathFreeCompExpr(expression)
        }
    }

    /// See ``HTMLPage/nodes(matching:in:)``.
    func nodes(matching selector: NodeSelector, in context: HTMLNode? = nil) throws(SelectorError) -> [HTMLNode] {
        let start: xmlNodePtr
        switch context?.storage {
        case .node(let node):
            precondition(context?.page === page, "a node of one page used as the context on another")
            start = node
        case .value:
            // A string has no nodes below it.
            return []
        case nil:
            start = UnsafeMutableRawPointer(page.document).assumingMemoryBound(to: xmlNode.self)
        }
        let expression = try compile(selector)
        guard let result = engine.evaluate(expression, at: start) else {
            throw failure(of: selector, engine.takeError())
        }
        defer { xmlXPathFreeObject(result) }
        guard result.pointee.type == XPATH_NODESET else {
            guard let value = xmlXPathCastToString(result) else {
                return []
            }
            defer { cxml_free(value) }
            let string = String(cString: value)
            return string.isEmpty ? [] : [HTMLNode(page: page, storage: .value(string))]
        }
        guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0, let members = set.pointee.nodeTab else {
            return []
        }
        var nodes: [HTMLNode] = []
        nodes.reserveCapacity(min(Int(set.pointee.nodeNr), HTMLPage.maxSelectedNodes))
        for index in 0..<Int(set.pointee.nodeNr) where nodes.count < HTMLPage.maxSelectedNodes {
            // Namespace nodes in a node set are copies that die with it; a page has none worth selecting.
            guard let node = members[index], node.pointee.type != XML_NAMESPACE_DECL else {
                continue
            }
            nodes.append(HTMLNode(page: page, storage: .node(node)))
        }
        return nodes
    }

    private func compile(_ selector: NodeSelector) throws(SelectorError) -> xmlXPathCompExprPtr {
        if let expression = compiled[selector.xpath] {
            return expression
        }
        guard let expression = engine.compile(selector.xpath) else {
            throw failure(of: selector, engine.takeError())
        }
        compiled[selector.xpath] = expression
        return expression
    }

    private func failure(of selector: NodeSelector, _ reason: String) -> SelectorError {
        SelectorError(language: selector.language, expression: selector.expression, reason: reason)
    }
}
