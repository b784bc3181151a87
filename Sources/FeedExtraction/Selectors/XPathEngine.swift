internal import CLibXML2
import FeedHTML

/// One libxml2 XPath context: compiles and evaluates expressions with their errors caught, not printed, and with
/// the work one evaluation may do bounded.
///
/// Made for one selection and freed with it, on one thread. While it compiles or evaluates, it takes over this
/// thread's libxml2 error channels — the structured one, which hands each error back to this object through an
/// unretained pointer, and the printf-style one, muted — and puts the previous ones back afterwards.
final class XPathEngine {
    /// libxml2 steps one evaluation may take (each operation and each node an axis visits counts); an ordinary
    /// selector on a large page takes a few hundred thousand, a quadratic one on a hostile page billions.
    static let operationLimit: UInt = 20_000_000

    /// Nil when libxml2 could not allocate one: every compile and evaluation then fails with that reason.
    private let context: xmlXPathContextPtr?
    /// libxml2's first complaint since the last `compile` or `evaluate`, on one line.
    private var firstError: String?
    /// The steps the last evaluation took, to compare with `operationLimit`.
    private(set) var operationsUsed: UInt = 0
    /// The expression compiled or evaluated, to tell where in it an error is.
    private var expression = ""

    /// The reason every use fails when libxml2 could not allocate the context (it is out of memory).
    private static let unallocated = "libxml2 could not allocate an XPath context"

    /// A context for evaluating against `document`, or for compiling only when nil.
    init(document: htmlDocPtr?) {
        LibXML2.initialized
        context = xmlXPathNewContext(document)
        context?.pointee.opLimit = Self.operationLimit
    }

    deinit {
        if let context {
            xmlXPathFreeContext(context)
        }
    }

    /// Compiles `xpath` and tries it on an empty page, throwing libxml2's reason when it is not usable XPath 1.0.
    ///
    /// The trial catches what compiles but cannot run (`count(`, `$variable`); an unknown function inside a
    /// predicate that an empty page never reaches still fails only on a page.
    static func check(_ xpath: String, language: NodeSelector.Language, expression: String) throws(SelectorError) {
        LibXML2.initialized
        guard let empty = htmlNewDocNoDtD(nil, nil) else {
            throw SelectorError(
                language: language, expression: expression, reason: "libxml2 could not allocate a document")
        }
        defer { xmlFreeDoc(empty) }
        let engine = XPathEngine(document: empty)
        guard let compiled = engine.compile(xpath) else {
            throw SelectorError(language: language, expression: expression, reason: engine.takeError())
        }
        defer { xmlXPathFreeCompExpr(compiled) }
        let root = UnsafeMutableRawPointer(empty).assumingMemoryBound(to: xmlNode.self)
        guard let result = engine.evaluate(compiled, at: root) else {
            throw SelectorError(language: language, expression: expression, reason: engine.takeError())
        }
        xmlXPathFreeObject(result)
    }

    /// `xpath` compiled, or nil with the reason kept for `takeError()`.
    func compile(_ xpath: String) -> xmlXPathCompExprPtr? {
        expression = xpath
        guard let context else {
            firstError = Self.unallocated
            return nil
        }
        return caught { xmlXPathCtxtCompile(context, xpath) }
    }

    /// The result of `compiled` with `node` as the context node, or nil with the reason kept for `takeError()`;
    /// the caller frees the result with `xmlXPathFreeObject`.
    func evaluate(_ compiled: xmlXPathCompExprPtr, at node: xmlNodePtr) -> xmlXPathObjectPtr? {
        guard let context else {
            firstError = Self.unallocated
            return nil
        }
        context.pointee.node = node
        context.pointee.opCount = 0
        context.pointee.depth = 0
        let result = caught { xmlXPathCompiledEval(compiled, context) }
        operationsUsed = context.pointee.opCount
        if result != nil, firstError != nil {
            xmlXPathFreeObject(result)
            return nil
        }
        return result
    }

    /// libxml2's reason for the last failure, or a general one when it gave none.
    func takeError() -> String {
        defer { firstError = nil }
        return firstError ?? "libxml2 could not evaluate it"
    }

    /// Runs `body` with this thread's libxml2 errors reported to this engine instead of printed.
    private func caught<Result>(_ body: () -> Result) -> Result {
        firstError = nil
        let handler: xmlStructuredErrorFunc = { engine, error in
            guard let engine, let error else {
                return
            }
            Unmanaged<XPathEngine>.fromOpaque(engine).takeUnretainedValue().record(error.pointee)
        }
        return LibXML2ErrorChannel.redirected(to: handler, context: Unmanaged.passUnretained(self).toOpaque(), body)
    }

    private func record(_ error: xmlError) {
        guard firstError == nil else {
            return
        }
        var reason = error.message.map { String(cString: $0) }?.collapsingAllASCIIWhitespace() ?? ""
        if reason.isEmpty {
            reason = "libxml2 error \(error.code)"
        }
        if error.code == Int32(XML_XPATH_EXPRESSION_OK.rawValue) + Int32(XPATH_OP_LIMIT_EXCEEDED.rawValue) {
            reason += " (more than \(Self.operationLimit) steps)"
        } else if error.domain == Int32(XML_FROM_XPATH.rawValue), error.str1 != nil {
            // int1 is how far libxml2 had read into the expression.
            let offset = Int(error.int1)
            reason += offset >= expression.utf8.count ? " at the end" : " at character \(offset + 1)"
        }
        firstError = reason
    }
}
