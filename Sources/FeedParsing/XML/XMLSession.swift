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
        if options.finishesEntriesInParallel {
            let finisher = ConcurrentEntryFinisher(onEntry: onEntry)
            self.finisher = finisher
            reader = FeedXMLReader(documentURL: options.baseURL) { finisher.submit($0, fallbackBase: $1) }
        } else {
            finisher = nil
            reader = FeedXMLReader(documentURL: options.baseURL) { onEntry($0.finish(fallbackBase: $1)) }
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
        decoder.decode(bytes) { utf8 in ampersands.process(utf8, isFinal: false) { parser.push($0) } }
    }

    func finish() {
        defer { finisher?.drain() }
        guard let parser, reader.foreignRoot == nil else { return }
        decoder.finish { utf8 in ampersands.process(utf8, isFinal: false) { parser.push($0) } }
        ampersands.process(UnsafeRawBufferPointer(start: nil, count: 0), isFinal: true) { parser.push($0) }
        parser.finish()
        reader.endDocument()
    }
}
