import CLibXML2

/// An HTML document read back with libxml2's HTML parser, flattened to its elements and text, for assertions.
struct ParsedHTML {
    struct Element {
        var name: String
        var attributes: [(name: String, value: String)]
        var text: String

        func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
    }

    var elements: [Element] = []

    init(_ html: String) {
        let bytes = Array(html.utf8)
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                htmlReadMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return }
        defer { xmlFreeDoc(document) }
        walk(xmlDocGetRootElement(document), document: document)
    }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    private mutating func walk(_ node: xmlNodePtr?, document: xmlDocPtr) {
        var node = node
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE {
                var attributes: [(String, String)] = []
                var attribute = current.pointee.properties
                while let property = attribute {
                    let name = String(cString: property.pointee.name)
                    var value = ""
                    if let raw = xmlNodeListGetString(document, property.pointee.children, 1) {
                        value = String(cString: raw)
                        cxml_free(raw)
                    }
                    attributes.append((name, value))
                    attribute = property.pointee.next
                }
                var text = ""
                if let raw = xmlNodeGetContent(current) {
                    text = String(cString: raw)
                    cxml_free(raw)
                }
                elements.append(
                    Element(name: String(cString: current.pointee.name), attributes: attributes, text: text))
                walk(current.pointee.children, document: document)
            }
            node = current.pointee.next
        }
    }
}
