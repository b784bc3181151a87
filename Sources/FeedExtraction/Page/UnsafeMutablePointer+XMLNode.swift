internal import CLibXML2

/// Read-only helpers over one libxml2 node of a page's tree, so the extraction code reads as Swift.
///
/// A node is only valid while its `HTMLPage` lives; nothing here outlives the call that made it.
extension UnsafeMutablePointer where Pointee == xmlNode {
    /// True for an element (not text, comment or other node).
    var isElement: Bool { pointee.type == XML_ELEMENT_NODE }

    /// True for text or CDATA.
    var isText: Bool { pointee.type == XML_TEXT_NODE || pointee.type == XML_CDATA_SECTION_NODE }

    /// The element's name, lower-case as libxml2's HTML parser leaves it; empty for nameless nodes.
    var elementName: String {
        guard let name = pointee.name else { return "" }
        return String(cString: name)
    }

    /// The value of attribute `name`, or nil when the element has none.
    func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(self, name) else { return nil }
        defer { cxml_free(value) }
        return String(cString: value)
    }

    /// The element's attributes in document order, names lower-case.
    var attributes: [(name: String, value: String)] {
        var result: [(String, String)] = []
        var property = pointee.properties
        while let current = property {
            if let name = current.pointee.name {
                let attributeName = String(cString: name)
                result.append((attributeName, attribute(attributeName) ?? ""))
            }
            property = current.pointee.next
        }
        return result
    }

    /// The text of a text node's content, or "" for other nodes.
    var textContent: String {
        guard let content = pointee.content else { return "" }
        return String(cString: content)
    }

    /// All the text below this node, concatenated (scripts and styles included: for `<title>` and JSON-LD).
    var allText: String {
        guard let content = xmlNodeGetContent(self) else { return "" }
        defer { cxml_free(content) }
        return String(cString: content)
    }

    /// The text a reader sees below this node (not scripts, styles or other never-content elements), its first
    /// `limit` bytes or a little more: a box's judgement needs no more, and a hostile page may hide megabytes in
    /// each of a thousand nested boxes.
    func visibleText(limit: Int = 2048) -> String {
        var bytes: [UInt8] = []
        var node = pointee.children
        while let current = node, bytes.count < limit {
            var descend = false
            if current.isText, let content = current.pointee.content {
                bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
            } else if current.isElement {
                descend = !HTMLTags.neverContent.contains(current.elementName)
                if current.elementName == "br" { bytes.append(0x20) }
            }
            node = current.next(below: self, descend: descend)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The next node in document order below `root`, entering children when `descend`; nil after the last.
    ///
    /// Walking by the tree's own links needs no stack, so a page nested 10,000 deep costs no recursion.
    func next(below root: xmlNodePtr, descend: Bool) -> xmlNodePtr? {
        if descend, let child = pointee.children { return child }
        var current = self
        while current != root {
            if let sibling = current.pointee.next { return sibling }
            guard let parent = current.pointee.parent else { return nil }
            current = parent
        }
        return nil
    }
}
