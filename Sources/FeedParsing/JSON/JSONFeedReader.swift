import FeedModel

/// Reads a JSON Feed as it streams in, handing over each item as soon as it has been read: decoder → splitter
/// (one item's text at a time) → Foundation's parser for that item → `JSONFeedParser`.
///
/// Memory is bounded by the largest item (`FeedLimits.jsonItemBytes`) and the feed's own members
/// (`FeedLimits.jsonMemberBytes` each), never by the number of items; no tree of the whole document is built. Items
/// come before or after the feed's fields in the document, so an item is resolved against the document's URL, else
/// the `home_page_url` read so far. Not thread-safe; one instance per document.
final class JSONFeedReader {
    private var decoder: InputDecoder
    private var splitter = JSONFeedSplitter(
        memberLimit: FeedLimits.jsonMemberBytes, itemLimit: FeedLimits.jsonItemBytes)
    private let documentURL: String?
    private let cap: EntryCap
    private let onEntry: (Entry) -> Void
    private let refusals = LinkRefusals()
    private var root: [String: Any] = [:]
    private var sawItems = false
    private var itemCount = 0
    private var problems: [ParseProblem] = []
    private var problemCount = 0
    private var error: FeedParseError?

    static let maximumProblems = 50

    /// - Parameters:
    ///   - documentURL: the document's URL when it is a web address (the base for relative links).
    ///   - cap: counts the entries; items past it are scanned, not parsed.
    ///   - onEntry: receives each entry the cap admits, in document order.
    init(documentURL: String?, httpCharset: String?, cap: EntryCap, onEntry: @escaping (Entry) -> Void) {
        decoder = InputDecoder(httpCharset: httpCharset)
        self.documentURL = documentURL
        self.cap = cap
        self.onEntry = onEntry
    }

    /// Reads the next chunk of the document.
    ///
    /// - Throws: `FeedParseError.invalidJSON` once the document is known not to be valid JSON.
    func write(_ bytes: UnsafeRawBufferPointer) throws(FeedParseError) {
        if let error { throw error }
        decoder.decode(bytes) { split($0) }
        if let error { throw error }
    }

    /// Ends the document and returns the feed's fields (its entries went to `onEntry`).
    ///
    /// - Throws: `FeedParseError.invalidJSON` when the document is not complete, not valid JSON or not a JSON Feed.
    func finish() throws(FeedParseError) -> FeedDocument {
        if let error { throw error }
        decoder.finish { split($0) }
        if let error { throw error }
        try splitter.finish()
        let versionURL = JSONFeedParser.string(root["version"])
        guard JSONFeedParser.isVersionURL(versionURL) || sawItems else {
            throw FeedParseError.invalidJSON("JSON, but not a JSON Feed: no \"version\" and no \"items\"")
        }
        var document = FeedDocument(format: .json, version: JSONFeedParser.version(versionURL))
        JSONFeedParser.feedFields(root, into: &document, documentURL: documentURL, refusals: refusals)
        var problems = decoder.problems.map { ParseProblem(line: 0, message: $0) }
        if versionURL == nil { problems.append(ParseProblem(line: 0, message: "the JSON Feed has no \"version\"")) }
        problems += self.problems
        if problemCount > self.problems.count {
            problems.append(ParseProblem(line: 0, message: "\(problemCount - self.problems.count) more problems"))
        }
        if !sawItems { problems.append(ParseProblem(line: 0, message: "the JSON Feed has no \"items\" array")) }
        problems += refusals.problems
        document.problems = problems
        document.bozo = !problems.isEmpty || decoder.usedFallback
        return document
    }

    private func split(_ utf8: UnsafeRawBufferPointer) {
        guard error == nil else { return }
        // Set between chunks: the piece handler may not touch the splitter while it runs.
        splitter.keepsItems = !cap.isFull
        do {
            try splitter.consume(utf8) { piece throws(FeedParseError) in try take(piece) }
        } catch {
            self.error = error
        }
    }

    private func take(_ piece: JSONFeedSplitter.Piece) throws(FeedParseError) {
        switch piece {
        case .member(let key, let value):
            guard let value else {
                problem("the \"\(key)\" member is larger than \(FeedLimits.jsonMemberBytes >> 20) MiB; skipped")
                return
            }
            root[key] = try JSONFeedParser.value(value)
        case .itemsArray:
            sawItems = true
        case .item(let bytes):
            itemCount += 1
            if cap.isFull {
                // Past the cap: counted, not parsed (and from the next chunk on, not even kept).
                _ = cap.admit()
                return
            }
            guard let bytes else {
                problem("item \(itemCount) is larger than \(FeedLimits.jsonItemBytes >> 20) MiB; skipped")
                return
            }
            guard let item = try JSONFeedParser.value(bytes) as? [String: Any] else {
                problem("item \(itemCount) is not an object; skipped")
                return
            }
            let base = JSONFeedParser.base(root, documentURL: documentURL)
            let entry = JSONFeedParser.entry(item, base: base, refusals: refusals)
            if cap.admit() { onEntry(entry) }
        }
    }

    private func problem(_ message: String) {
        problemCount += 1
        if problems.count < Self.maximumProblems { problems.append(ParseProblem(line: 0, message: message)) }
    }
}
