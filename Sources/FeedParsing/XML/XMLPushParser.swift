internal import CLibXML2
internal import FeedHTML

/// One libxml2 push-parser context, configured for hostile input, forwarding SAX2 events to a sink.
///
/// Options: `XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC` and nothing that
/// expands entities or loads DTDs. No entity declaration is ever recorded (the SAX handler has no `entityDecl`,
/// `internalSubset` or `externalSubset`, and no `getEntity`), so an entity bomb or an external entity has nothing to
/// expand and only produces an "undefined entity" problem. HTML's named entities (`&nbsp;`, `&eacute;`), which real
/// feeds use without declaring them, arrive already rewritten as character references (see `AmpersandRepair`). The
/// input must already be UTF-8 (see `InputDecoder`).
///
/// Not thread-safe: one instance per parse, fed from one thread. The sink is held unowned.
final class XMLPushParser {
    private let context: xmlParserCtxtPtr
    // The concrete reader, not `any XMLEventSink`, and `unowned(unsafe)`: every SAX event went through a witness
    // table and a checked strong retain of the sink, a few percent of the parsing thread of a 50 MB feed. The
    // session that owns this parser owns the reader too and outlives both; events only arrive during `push` and
    // `finish`, which the session calls.
    private unowned(unsafe) let sink: FeedXMLReader

    init?(sink: FeedXMLReader) {
        LibXML2.initialized
        self.sink = sink
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = {
            context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, _, attributes in
            guard let context, let localName else { return }
            let parser = Unmanaged<XMLPushParser>.fromOpaque(context).takeUnretainedValue()
            parser.forgiveEarlierErrors()
            parser.sink.startElement(
                XMLName(localName: localName, namespaceURI: uri, prefix: prefix),
                attributes: XMLAttributes(
                    base: attributes, count: Int(attributeCount), namespaces: namespaces,
                    namespaceCount: Int(namespaceCount))
            )
        }
        handler.endElementNs = { context, localName, prefix, uri in
            guard let context, let localName else { return }
            let parser = Unmanaged<XMLPushParser>.fromOpaque(context).takeUnretainedValue()
            parser.forgiveEarlierErrors()
            parser.sink.endElement(XMLName(localName: localName, namespaceURI: uri, prefix: prefix))
        }
        handler.characters = { context, bytes, count in
            guard let context, let bytes, count > 0 else { return }
            let parser = Unmanaged<XMLPushParser>.fromOpaque(context).takeUnretainedValue()
            parser.forgiveEarlierErrors()
            parser.sink.characters(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        handler.cdataBlock = handler.characters
        handler.serror = { context, error in
            guard let context, let error else { return }
            let parser = Unmanaged<XMLPushParser>.fromOpaque(context).takeUnretainedValue()
            parser.report(error.pointee)
        }
        // The user-data pointer is set once the instance exists; libxml2 copies the handler.
        guard let context = xmlCreatePushParserCtxt(&handler, nil, nil, 0, nil) else { return nil }
        self.context = context
        let options = Int32(
            XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue
                | XML_PARSE_IGNORE_ENC.rawValue)
        xmlCtxtUseOptions(context, options)
        // NOCDATA removed the cdataBlock callback; CDATA then arrives through `characters`.
        xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
        context.pointee.userData = Unmanaged.passUnretained(self).toOpaque()
    }

    deinit {
        xmlFreeParserCtxt(context)
    }

    /// Parses the next piece of UTF-8 input. Events arrive before this returns.
    func push(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        // xmlParseChunk takes an Int32 size: feed very large buffers in slices.
        while offset < bytes.count {
            let size = min(bytes.count - offset, 1 << 20)
            let start = bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self)
            xmlParseChunk(context, start, Int32(size), 0)
            offset += size
        }
    }

    /// Hands the whole text of a CDATA section to the sink as libxml2 would, without libxml2 reading it: it looks
    /// for the `]]>`, checks every character and counts lines, one byte at a time each (a sixth of the time a 50 MB
    /// feed spends on the parsing thread). Only when libxml2 has read everything pushed, ending with the section's
    /// `<![CDATA[`, and waits for its text; otherwise the text is pushed. The `]]>` is pushed next, as usual.
    /// The text is already valid XML characters (see `UTF8Writer`), which is all libxml2 would have checked.
    func pushSectionText(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        guard context.pointee.instate == XML_PARSER_CDATA_SECTION, let input = context.pointee.input,
            input.pointee.cur == input.pointee.end
        else {
            push(bytes)
            return
        }
        // Problems name lines: count the section's as libxml2 does.
        var newlines: Int32 = 0
        for byte in bytes where byte == 0x0A { newlines &+= 1 }
        input.pointee.line &+= newlines
        forgiveEarlierErrors()
        sink.characters(bytes.assumingMemoryBound(to: UInt8.self))
    }

    /// Ends the document: flushes what libxml2 holds back and reports unclosed elements.
    func finish() {
        xmlParseChunk(context, nil, 0, 1)
    }

    /// Once a document has had one well-formedness error, libxml2 2.9 silently drops every later entity reference
    /// (`&amp;`, `&lt;`, `&nbsp;`), even in recovery mode: one bare `&` early in a feed would garble all the escaped
    /// HTML after it. The problem is already recorded (the document is bozo); let the parser go on reading.
    @inline(__always)
    private func forgiveEarlierErrors() {
        context.pointee.wellFormed = 1
    }

    /// Stops parsing: later input is ignored (used once the document turned out not to be a feed).
    func stop() {
        xmlStopParser(context)
    }

    private func report(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var message = error.message.map { String(cString: $0) } ?? "malformed XML"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        sink.problem(line: Int(error.line), message: message)
    }
}
