internal import CLibXML2

/// This thread's libxml2 error channels, taken over for the length of one call so nothing reaches stderr.
///
/// libxml2 reports errors without a parser context (XPath's, the output buffer's) to per-thread channels: a
/// structured one, and a printf-style one that prints. Both are saved, replaced and put back, so callers elsewhere
/// on the thread see their own handlers again afterwards.
enum LibXML2ErrorChannel {
    /// Runs `body` with this thread's libxml2 errors handed to `handler` with `context`, or dropped when it is nil.
    static func redirected<Result>(
        to handler: xmlStructuredErrorFunc?, context: UnsafeMutableRawPointer?, _ body: () -> Result
    ) -> Result {
        let previousHandler = __xmlStructuredError().pointee
        let previousContext = __xmlStructuredErrorContext().pointee
        let generic = cxml_mute_generic_errors()
        xmlSetStructuredErrorFunc(context, handler ?? { _, _ in })
        defer {
            xmlSetStructuredErrorFunc(previousContext, previousHandler)
            cxml_restore_generic_errors(generic)
        }
        return body()
    }
}
