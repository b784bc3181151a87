internal import FeedHTML
import FeedModel

/// Parses a document that arrives in pieces, handing over each entry as soon as it is complete.
///
/// XML and JSON Feed are parsed as they stream in, so a document of any size is read in bounded memory: call `write`
/// with each chunk, then `finish`. The `FeedDocument` that `finish` returns has no entries: they went to `onEntry`,
/// in document order, at most `options.maximumEntries` of them. Not thread-safe; one instance per document.
public final class FeedParseStream {
    private enum State {
        /// Looking at the first bytes to tell XML from JSON (and from what is neither).
        case sniffing
        case xml(XMLSession)
        case json(JSONFeedReader)
        case failed(FeedParseError)
    }

    private let options: FeedParserOptions
    private let onEntry: (Entry) -> Void
    private let cap: EntryCap
    private var state = State.sniffing
    /// Everything written while the format is not yet known (the sniff decides within a few KiB, or the first
    /// write), handed on whole once it is.
    private var sniffed: [UInt8] = []
    /// The first bytes, kept to look for feed links should the document turn out to be an HTML page.
    private var prefix: [UInt8] = []
    private var jsonByteCount = 0
    private var skippedJunk = false

    static let sniffLimit = 4096
    static let prefixLimit = 512 << 10

    public init(options: FeedParserOptions = FeedParserOptions(), onEntry: @escaping (Entry) -> Void) {
        self.options = options
        self.onEntry = onEntry
        cap = EntryCap(limit: options.maximumEntries)
    }

    /// False once the document is known to be a feed: its first bytes need not be kept for feed discovery.
    private var mayBeHTMLPage: Bool {
        switch state {
        case .sniffing: return true
        case .xml(let session): return session.reader.format == nil
        case .json, .failed: return false
        }
    }

    /// Parses the next chunk of the document.
    ///
    /// Entries past `options.maximumEntries` are skipped, and the document's problems say how many.
    ///
    /// - Throws: `FeedParseError` as soon as the input is known not to be a feed (the caller may stop sending).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if prefix.count < Self.prefixLimit && mayBeHTMLPage {
            prefix.append(contentsOf: bytes.prefix(Self.prefixLimit - prefix.count))
        }
        switch state {
        case .sniffing:
            sniffed.append(contentsOf: bytes)
            try sniff(final: false)
        case .xml(let session):
            session.write(bytes)
            if session.reader.foreignRoot != nil { try fail(rejection(session)) }
        case .json(let reader):
            try writeJSON(bytes, to: reader)
        case .failed(let error):
            throw error
        }
    }

    /// Ends the document and returns what it says about itself (entries went to `onEntry`).
    public func finish() throws -> FeedDocument {
        if case .sniffing = state { try sniff(final: true) }
        switch state {
        case .sniffing:
            throw FeedParseError.empty
        case .failed(let error):
            throw error
        case .json(let reader):
            do {
                var document = try reader.finish()
                if let problem = cap.problem { document.problems.append(problem) }
                document.bozo = document.bozo || cap.problem != nil
                return document
            } catch {
                try fail(error)
            }
        case .xml(let session):
            session.finish()
            let reader = session.reader
            if reader.foreignRoot != nil { try fail(rejection(session)) }
            guard reader.format != nil else {
                if HTMLFeedDiscovery.looksLikeHTML(prefix) { try fail(htmlPage()) }
                try fail(.noRootElement(problem: reader.problems.first?.description))
            }
            var document = reader.document()
            var problems = session.decoder.problems.map { ParseProblem(line: 0, message: $0) }
            if skippedJunk { problems.append(ParseProblem(line: 1, message: "text before the XML document skipped")) }
            if session.ampersands.repairs > 0 {
                problems.append(
                    ParseProblem(line: 0, message: "\(session.ampersands.repairs) bare '&' read as '&amp;'"))
            }
            problems += reader.problems
            if reader.problemCount > reader.problems.count {
                problems.append(
                    ParseProblem(line: 0, message: "\(reader.problemCount - reader.problems.count) more problems"))
            }
            problems += reader.linkRefusals.problems
            if let problem = cap.problem { problems.append(problem) }
            document.problems = problems
            document.bozo = !problems.isEmpty || session.decoder.usedFallback
            return document
        }
    }

    // MARK: - Sniffing

    private func sniff(final: Bool) throws {
        var index = 0
        // A UTF-8 byte order mark; UTF-16/32 marks and unmarked UTF-16 are XML for the decoder to sort out.
        if sniffed.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while index < sniffed.count, sniffed[index].isXMLWhitespace { index += 1 }
        guard index < sniffed.count else {
            // Nothing but whitespace so far: there is nothing to keep (an endless blank stream must not fill memory).
            if sniffed.count > Self.sniffLimit { sniffed.removeAll() }
            return
        }
        let first = sniffed[index]
        // UTF-16/32 and EBCDIC (`<?xm` is 4C 6F A7 94) are XML for the decoder to sort out.
        let wideOrEBCDIC =
            sniffed.starts(with: [0xFF, 0xFE]) || sniffed.starts(with: [0xFE, 0xFF])
            || sniffed.starts(with: [0x00, 0x00, 0xFE, 0xFF])
            || (sniffed.count >= 2 && (sniffed[0] == 0 || sniffed[1] == 0))
            || sniffed.starts(with: [0x4C, 0x6F, 0xA7, 0x94])
        if first == UInt8(ascii: "{") && !wideOrEBCDIC {
            // JSON Feeds get the same encoding repair as XML: a charset from HTTP, a windows-1252 fallback. The
            // Content-Location, when the response had one, is their base too.
            let reader = JSONFeedReader(
                documentURL: LinkPolicy.webBase(options.baseURL), httpCharset: options.httpCharset, cap: cap,
                onEntry: onEntry)
            state = .json(reader)
            let pending = sniffed
            sniffed = []
            try pending.withUnsafeBytes { try writeJSON(UnsafeRawBufferPointer(rebasing: $0[index...]), to: reader) }
            return
        }
        if wideOrEBCDIC {
            try startXML(from: 0)
        } else if first == UInt8(ascii: "<") {
            // Not from 0: whitespace before the XML declaration is an error libxml2 would carry through the parse.
            try startXML(from: index)
        } else if let start = Self.xmlStart(in: sniffed, from: index) {
            // Junk before the document (a PHP warning, a stray line): skip to where the XML starts.
            skippedJunk = true
            try startXML(from: start)
        } else if sniffed.count >= Self.sniffLimit || final {
            try fail(
                Self.looksBinary(sniffed)
                    ? .binary : .noRootElement(problem: "the document does not start with '<' or '{'"))
        }
    }

    private func writeJSON(_ bytes: UnsafeRawBufferPointer, to reader: JSONFeedReader) throws {
        jsonByteCount += bytes.count
        guard jsonByteCount <= options.maximumJSONBytes else { try fail(.tooLarge(limit: options.maximumJSONBytes)) }
        do { try reader.write(bytes) } catch { try fail(error) }
    }

    private func startXML(from offset: Int) throws {
        let cap = self.cap
        let onEntry = self.onEntry
        let session = XMLSession(options: options) { entry in
            if cap.admit() { onEntry(entry) }
        }
        state = .xml(session)
        let pending = sniffed
        sniffed = []
        pending.withUnsafeBytes { session.write(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
        if session.reader.foreignRoot != nil { try fail(rejection(session)) }
    }

    private func rejection(_ session: XMLSession) -> FeedParseError {
        let root = session.reader.foreignRoot ?? ""
        if root.lowercased() == "html" || HTMLFeedDiscovery.looksLikeHTML(prefix) { return htmlPage() }
        return .notAFeed(rootElement: root)
    }

    private func htmlPage() -> FeedParseError {
        let feeds = HTMLFeedDiscovery.feeds(inHTML: prefix, baseURL: options.baseURL)
        return .htmlPage(feeds: feeds)
    }

    private func fail(_ error: FeedParseError) throws -> Never {
        state = .failed(error)
        throw error
    }

    private static func xmlStart(in bytes: [UInt8], from start: Int) -> Int? {
        let markers = ["<?xml", "<rss", "<feed", "<rdf:RDF", "<RDF"].map { Array($0.utf8) }
        let limit = min(bytes.count, sniffLimit)
        var index = start
        while index < limit {
            if bytes[index] == UInt8(ascii: "<") {
                for marker in markers where bytes[index...].starts(with: marker) { return index }
            }
            index += 1
        }
        return nil
    }

    private static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(512)
        let controls = sample.filter { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20) }.count
        return controls > 0
    }
}
