internal import CLibXML2
internal import FeedHTML

/// One libxml2 push-parser context for an OPML file, configured for hostile input and strict about well-formedness.
///
/// Options: `XML_PARSE_NONET` only. No recovery: the first fatal error ends the parse and is reported. The SAX
/// handler has no `getEntity`, `entityDecl`, `internalSubset`, `externalSubset` or `resolveEntity`, so no external
/// DTD or entity is loaded and no declared entity is ever expanded: a reference to one is an "Entity 'x' not defined"
/// error (or, after an external DTD reference, silently nothing). Predefined entities and character references work.
/// The encoding comes from the BOM or the XML declaration, as libxml2 detects it; events arrive in UTF-8.
///
/// Not thread-safe: one instance per parse, fed from one thread.
final class OPMLPushParser {
    private let context: xmlParserCtxtPtr
    private var builder = OPMLDocumentBuilder()
    /// The first reason the parse failed; later problems are consequences of it.
    private(set) var failure: OPMLError.Reason?
    /// Whether the root element has started (to tell an empty document from a truncated one).
    private var sawRoot = false

    /// Creates the parser; `head` is the start of the input (at least four bytes when there are), which libxml2 uses
    /// to detect the encoding.
    init?(head: UnsafeRawBufferPointer) {
        LibXML2.initialized
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { context, localName, _, _, _, _, attributeCount, _, attributes in
            guard let context, let localName else { return }
            Unmanaged<OPMLPushParser>.fromOpaque(context).takeUnretainedValue()
                .startElement(localName, OPMLAttributes(base: attributes, count: Int(attributeCount)))
        }
        handler.endElementNs = { context, _, _, _ in
            guard let context else { return }
            Unmanaged<OPMLPushParser>.fromOpaque(context).takeUnretainedValue().endElement()
        }
        handler.characters = { context, bytes, count in
            guard let context, let bytes, count > 0 else { return }
            Unmanaged<OPMLPushParser>.fromOpaque(context).takeUnretainedValue()
                .characters(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        handler.cdataBlock = handler.characters
        handler.serror = { context, error in
            guard let context, let error else { return }
            Unmanaged<OPMLPushParser>.fromOpaque(context).takeUnretainedValue().report(error.pointee)
        }
        let start = head.baseAddress?.assumingMemoryBound(to: CChar.self)
        // libxml2 copies the handler. The user-data pointer is set once the instance exists, before any parsing.
        guard let context = xmlCreatePushParserCtxt(&handler, nil, start, Int32(head.count), nil) else { return nil }
        self.context = context
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
        context.pointee.userData = Unmanaged.passUnretained(self).toOpaque()
    }

    deinit {
        xmlFreeParserCtxt(context)
    }

    /// The document read so far.
    var document: OPMLDocument { builder.document }

    /// Parses more input, in slices (xmlParseChunk takes an Int32 size); stops early once the parse has failed.
    func push(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count, failure == nil {
            let size = min(bytes.count - offset, 1 << 20)
            let start = bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self)
            xmlParseChunk(context, start, Int32(size), 0)
            offset += size
        }
    }

    /// Ends the document: libxml2 reports unclosed elements or a missing root here.
    func finish() {
        guard failure == nil else { return }
        xmlParseChunk(context, nil, 0, 1)
    }

    private func startElement(_ localName: UnsafePointer<UInt8>, _ attributes: OPMLAttributes) {
        guard failure == nil else { return }
        sawRoot = true
        if case .notOPML(let root) = builder.startElement(localName, attributes: attributes) {
            failure = .notOPML(rootElement: root)
            xmlStopParser(context)
        }
    }

    private func endElement() {
        guard failure == nil else { return }
        builder.endElement()
    }

    private func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil else { return }
        builder.characters(bytes)
    }

    /// Records the first fatal error. Plain errors (namespace problems such as an undeclared prefix) do not stop
    /// libxml2 and do not matter to OPML, which uses no namespaces.
    private func report(_ error: xmlError) {
        guard failure == nil, error.level == XML_ERR_FATAL else { return }
        var message = error.message.map { String(cString: $0) } ?? "malformed XML"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        if error.code == XML_ERR_DOCUMENT_END.rawValue && context.pointee.instate != XML_PARSER_EPILOG {
            // When the input ends early, push mode says "Extra content at the end of the document"; say what it is.
            if !sawRoot {
                message = "Document is empty"
            } else if context.pointee.nameNr > 0, let name = context.pointee.name {
                message = "Premature end of data in tag \(String(cString: name))"
            }
        }
        failure = .malformedXML(line: Int(error.line), message: message)
        xmlStopParser(context)
    }
}
