internal import CLibXML2
import FeedHTML

/// Writes chosen elements of a page back out as markup, leaving out what `keeps` refuses with all it holds.
///
/// The markup is raw (unsanitized) and goes to `HTMLSanitizer` next; the writer's job is only to choose. It walks
/// by the tree's own links, so no depth of nesting costs recursion.
struct ContentWriter {
    /// Whether an element and what it holds belong in the output.
    let keeps: (xmlNodePtr) -> Bool

    /// Attributes worth handing to the sanitizer; the rest would be dropped there anyway.
    private static let keptAttributes: Set<String> = [
        "href", "src", "alt", "title", "colspan", "rowspan", "datetime", "cite", "start", "reversed", "lang", "dir",
        "width", "height", "type", "value", "scope", "headers", "abbr", "span",
    ]
    /// Elements without an end tag.
    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    /// The markup of `roots` and what they hold, one after another.
    func markup(of roots: [xmlNodePtr]) -> String {
        var output: [UInt8] = []
        for root in roots {
            write(root, to: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private func write(_ root: xmlNodePtr, to output: inout [UInt8]) {
        guard root.isText || (root.isElement && keeps(root)) else { return }
        var node: xmlNodePtr? = root
        while let current = node {
            var descend = false
            if current.isText {
                writeText(current, to: &output)
            } else if current.isElement && keeps(current) {
                let name = current.elementName
                writeStartTag(current, name: name, to: &output)
                if current.pointee.children != nil && !Self.voidElements.contains(name) {
                    descend = true
                } else {
                    writeEndTag(name, to: &output)
                }
            }
            if descend {
                node = current.pointee.children
                continue
            }
            if current == root { break }
            // Climb to the next sibling, closing each element that ends here.
            var climbing = current
            node = nil
            while true {
                if let sibling = climbing.pointee.next {
                    node = sibling
                    break
                }
                guard let parent = climbing.pointee.parent else { break }
                writeEndTag(parent.elementName, to: &output)
                if parent == root { break }
                climbing = parent
            }
        }
    }

    private func writeText(_ node: xmlNodePtr, to output: inout [UInt8]) {
        guard let content = node.pointee.content else { return }
        let buffer = UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))
        HTMLEscaping.appendEscapedText(buffer, to: &output)
    }

    private func writeStartTag(_ node: xmlNodePtr, name: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "<"))
        output.append(contentsOf: name.utf8)
        let attributes = node.attributes
        var hasSource = false
        for (attributeName, value) in attributes where Self.keptAttributes.contains(attributeName) {
            if attributeName == "src" {
                // A lazy image's src is a placeholder: a data: pixel. Its data-src is the picture.
                if value.hasPrefix("data:"), attributes.contains(where: { $0.name == "data-src" }) { continue }
                hasSource = true
            }
            writeAttribute(attributeName, value, to: &output)
        }
        if name == "img" && !hasSource, let lazy = attributes.first(where: { $0.name == "data-src" }) {
            writeAttribute("src", lazy.value, to: &output)
        }
        output.append(UInt8(ascii: ">"))
    }

    private func writeAttribute(_ name: String, _ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: name.utf8)
        output.append(contentsOf: "=\"".utf8)
        var value = value
        value.withUTF8 { HTMLEscaping.appendEscapedAttribute($0, to: &output) }
        output.append(UInt8(ascii: "\""))
    }

    private func writeEndTag(_ name: String, to output: inout [UInt8]) {
        guard !Self.voidElements.contains(name) else { return }
        output.append(contentsOf: "</".utf8)
        output.append(contentsOf: name.utf8)
        output.append(UInt8(ascii: ">"))
    }
}
