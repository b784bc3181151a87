import FeedModel

/// The pieces that read one XML document: decoder → libxml2 → reader → (optionally parallel) entry finishing.
final class XMLSession {
    var decoder: InputDecoder
    var ampersands = AmpersandRepair()
    let reader: FeedXMLReader
    private var parser: XMLPushParser?
    private let finisher: ConcurrentEntryFinisher?

    init(options: FeedParserOptions, onEntry: @escaping (Entry) -> Void) {
        decoder = InputDecoder(httpCharset: options.httpCharset)
        // Only a web address is a base for relative links (see `LinkPolicy`): a file's URL is none. The
        // Content-Location, when the response had one, comes before the document's own URL.
        let documentURL = LinkPolicy.webBase(options.baseURL)
        let refusals = LinkRefusals()
        if options.finishesEntriesInParallel {
            let finisher = ConcurrentEntryFinisher(refusals: refusals, onEntry: onEntry)
            self.finisher = finisher
            reader = FeedXMLReader(documentURL: documentURL, linkRefusals: refusals) {
                finisher.submit($0, fallbackBase: $1)
            }
        } else {
            finisher = nil
            reader = FeedXMLReader(documentURL: documentURL, linkRefusals: refusals) {
                onEntry($0.finish(fallbackBase: $1, refusals: refusals))
            }
        }
        parser = XMLPushParser(sink: reader)
        reader.stopParsing = { [unowned self] in self.parser?.stop() }
    }

    deinit {
        // Entries still in flight refer to the consumer: let them land before the session goes.
        finisher?.drain()
    }

    func write(_ bytes: UnsafeRawBufferPointer) {
        guard let parser, reader.foreignRoot == nil else { return }
        decoder.decode(bytes) { utf8 in
            ampersands.process(utf8, isFinal: false, emit: parser.push, sectionText: parser.pushSectionText)
        }
    }

    func finish() {
        defer { finisher?.drain() }
        guard let parser, reader.foreignRoot == nil else { return }
        decoder.finish { utf8 in
            ampersands.process(utf8, isFinal: false, emit: parser.push, sectionText: parser.pushSectionText)
        }
        ampersands.process(UnsafeRawBufferPointer(start: nil, count: 0), isFinal: true) { parser.push($0) }
        parser.finish()
        reader.endDocument()
    }
}
