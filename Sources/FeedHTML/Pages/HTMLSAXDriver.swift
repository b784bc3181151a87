internal import CLibXML2

/// Runs libxml2's HTML parser over a byte buffer in SAX mode, so no document tree is built.
///
/// Each call creates and frees its own parser context, so calls may run on any thread at the same time.
/// The handler's callbacks receive `context` as their user-data pointer.
enum HTMLSAXDriver {
    /// Options for untrusted fragments: recover from anything, never touch the network, stay quiet, add no
    /// implied html/body, and ignore charset declarations inside the markup (the caller knows the encoding).
    static let fragmentOptions: Int32 = Int32(
        bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NOIMPLIED.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)

    /// Options for whole pages whose `<meta charset>` is honoured.
    static let pageOptions: Int32 = Int32(
        bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue)

    /// Parses `bytes`, reporting to `handler`; returns false when libxml2 could not even create a context.
    ///
    /// With `assumeUTF8` the input is decoded as UTF-8 from the first byte (libxml2 otherwise guesses
    /// ISO-8859-1 for HTML without a declaration); a page's own declaration may still override it unless
    /// the options ignore it.
    @discardableResult
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, handler: htmlSAXHandler, context: UnsafeMutableRawPointer,
        options: Int32, assumeUTF8: Bool
    ) -> Bool {
        LibXML2.initialized
        guard let base = bytes.baseAddress, bytes.count > 0, bytes.count < Int(Int32.max) else {
            return false
        }
        let created = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            htmlCreateMemoryParserCtxt($0, Int32(bytes.count))
        }
        guard let ctxt = created else { return false }
        defer { htmlFreeParserCtxt(ctxt) }
        // The context owns its handler block (freed with it), so copy ours into it rather than replacing it.
        ctxt.pointee.sax.pointee = handler
        ctxt.pointee.userData = context
        htmlCtxtUseOptions(ctxt, options)
        if assumeUTF8 {
            xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8)
        }
        htmlParseDocument(ctxt)
        return true
    }
}
