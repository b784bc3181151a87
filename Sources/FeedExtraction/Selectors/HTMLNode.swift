internal import CLibXML2
import FeedHTML

/// One node a selector matched on a page: an element, an attribute, a text node, or the string or number an XPath
/// such as `string(//h1)` returned.
///
/// Valid while it exists: it holds its page, and with it the tree, strongly. Its text and HTML are computed when
/// asked and cut at ``HTMLNode/maxTextBytes``, so a node that is most of a hostile page costs no more than that.
public struct HTMLNode {
    /// The most UTF-8 bytes `text` and `outerHTML` return; longer content is cut at a character boundary.
    public static let maxTextBytes = 1 << 20

    enum Storage {
        /// A node of the page's tree (never a namespace node, which libxml2 copies into node sets).
        case node(xmlNodePtr)
        /// The string value of an XPath that returned no node set.
        case value(String)
    }

    /// The page that owns the node, kept alive with it.
    public let page: HTMLPage
    let storage: Storage

    init(page: HTMLPage, storage: Storage) {
        self.page = page
        self.storage = storage
    }

    /// The element's or attribute's name in lower case, `#text`, `#comment`, `#document`, or `#value` for an
    /// XPath's string result.
    public var name: String {
        guard case .node(let node) = storage else {
            return "#value"
        }
        switch node.pointee.type {
        case XML_ELEMENT_NODE, XML_ATTRIBUTE_NODE:
            return node.pointee.name.map { String(cString: $0) } ?? ""
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            return "#text"
        case XML_COMMENT_NODE:
            return "#comment"
        case XML_HTML_DOCUMENT_NODE, XML_DOCUMENT_NODE:
            return "#document"
        default:
            return "#other"
        }
    }

    /// The node's text content with runs of whitespace collapsed to one space: an element's descendant text, an
    /// attribute's value, a text node's text.
    public var text: String {
        switch storage {
        case .value(let value):
            return value.collapsingAllASCIIWhitespace()
        case .node(let node):
            var collector = TextCollector(limit: Self.maxTextBytes)
            collector.collect(below: node)
            return collector.string.collapsingAllASCIIWhitespace()
        }
    }

    /// The node as HTML: an element serialized by libxml2, other nodes their text escaped for HTML.
    public var outerHTML: String {
        switch storage {
        case .value(let value):
            return HTMLEscaping.escapeText(value)
        case .node(let node):
            guard node.pointee.type == XML_ELEMENT_NODE else {
                var collector = TextCollector(limit: Self.maxTextBytes)
                collector.collect(below: node)
                return HTMLEscaping.escapeText(collector.string)
            }
            return NodeSerializer.html(of: node, in: page.document, limit: Self.maxTextBytes)
        }
    }

    /// The value of an element's attribute `name` (lower case, as libxml2 stores HTML's), or nil when the node is
    /// not an element or has no such attribute.
    public func attribute(_ name: String) -> String? {
        guard case .node(let node) = storage, node.pointee.type == XML_ELEMENT_NODE,
            let value = xmlGetNoNsProp(node, name)
        else {
            return nil
        }
        defer { cxml_free(value) }
        return String(cString: value)
    }

    /// `nodes` without those inside another of them, in order: an item nested in an item is part of it, and
    /// reading both would copy the inner one's markup once per level (a hostile page's way to multiply memory).
    public static func outermost(_ nodes: [HTMLNode]) -> [HTMLNode] {
        var chosen: Set<xmlNodePtr> = []
        var kept: [HTMLNode] = []
        for node in nodes {
            guard case .node(let pointer) = node.storage else {
                kept.append(node)
                continue
            }
            var ancestor = pointer.pointee.parent
            var nested = false
            while let current = ancestor {
                if chosen.contains(current) {
                    nested = true
                    break
                }
                ancestor = current.pointee.parent
            }
            if !nested {
                chosen.insert(pointer)
                kept.append(node)
            }
        }
        return kept
    }
}
