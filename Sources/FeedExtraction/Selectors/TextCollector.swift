internal import CLibXML2

/// Gathers a subtree's text in document order, up to a byte limit, without recursion (pages nest deeply).
struct TextCollector {
    private let limit: Int
    private var bytes: [UInt8] = []

    /// A collector that keeps at most `limit` UTF-8 bytes.
    init(limit: Int) {
        self.limit = limit
    }

    /// The text gathered, cut at a character boundary when the limit was reached.
    var string: String {
        String(truncatedUTF8: bytes, limit: limit)
    }

    /// Appends the text of `root`: its value for an attribute or text node, its descendants' text otherwise.
    mutating func collect(below root: xmlNodePtr) {
        switch root.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_COMMENT_NODE:
            append(root.pointee.content)
            return
        case XML_ATTRIBUTE_NODE:
            // An attribute's value is its children, text nodes.
            var child = root.pointee.children
            while let node = child, bytes.count < limit {
                append(node.pointee.content)
                child = node.pointee.next
            }
            return
        case XML_ELEMENT_NODE, XML_HTML_DOCUMENT_NODE, XML_DOCUMENT_NODE:
            break
        default:
            return
        }
        var current = root.pointee.children
        while let node = current, bytes.count < limit {
            if node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE {
                append(node.pointee.content)
            }
            if node.pointee.type == XML_ELEMENT_NODE, let child = node.pointee.children {
                current = child
                continue
            }
            current = next(after: node, within: root)
        }
    }

    /// The node after `node` in document order once its subtree is done, or nil at the end of `root`.
    private func next(after node: xmlNodePtr, within root: xmlNodePtr) -> xmlNodePtr? {
        var node = node
        while node != root {
            if let sibling = node.pointee.next {
                return sibling
            }
            guard let parent = node.pointee.parent else {
                return nil
            }
            node = parent
        }
        return nil
    }

    private mutating func append(_ content: UnsafeMutablePointer<xmlChar>?) {
        guard let content else {
            return
        }
        let length = min(Int(xmlStrlen(content)), limit - bytes.count)
        bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: max(0, length)))
    }
}
