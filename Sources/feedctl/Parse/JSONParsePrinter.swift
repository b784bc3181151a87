internal import ArgumentParser
import FeedExtraction
import FeedModel
import FeedParsing

/// Parses one source, streaming each entry's JSON into a spool, so the object can be printed feed first once the
/// whole document has been read.
struct JSONParsePrinter {
    /// The selectors when the source is a page (`--kind html`), nil for a feed.
    var rules: HTMLItemRules?

    private final class EntrySink {
        let spool = EntrySpool()
        var writer = JSONWriter(capacity: 64 << 10)
        var count = 0
        var error: Error?
        private static let comma: [UInt8] = [UInt8(ascii: ",")]

        /// Writes the entry after the ones before it; the spool gets them 64 KiB at a time, saving a copy of each.
        func add(_ entry: Entry) {
            guard error == nil else { return }
            if count > 0 { writer.raw(Self.comma) }
            writer.entry(entry)
            count += 1
            if writer.bytes.count >= 64 << 10 { flush() }
        }

        /// Hands what the writer holds to the spool.
        func flush() {
            guard error == nil, !writer.bytes.isEmpty else { return }
            do { try spool.append(writer.bytes) } catch { self.error = error }
            writer.removeAll()
        }
    }

    /// Parses `input` and returns its JSON object, ready to print.
    func render(_ input: FeedSource) throws -> RenderedJSON {
        let sink = EntrySink()
        let document = try input.parse(rules: rules) { sink.add($0) }
        sink.flush()
        if let error = sink.error { throw error }
        var header = JSONWriter()
        header.beginObject()
        header.feedFields(document)
        header.key("entries")
        return RenderedJSON(head: header.bytes + Array("[".utf8), entries: sink.spool)
    }
}

/// One source's JSON object, on one line: the feed's fields, then the spooled entries.
///
/// Handed from the thread that rendered it to the one that prints it, and touched by one thread at a time.
final class RenderedJSON: @unchecked Sendable {
    private let head: [UInt8]
    private let entries: EntrySpool

    init(head: [UInt8], entries: EntrySpool) {
        self.head = head
        self.entries = entries
    }

    func write(to output: FileDescriptorOutput) throws {
        guard output.write(head) else { throw ExitCode(1) }
        try entries.drain(to: output)
        guard output.write("]}\n") else { throw ExitCode(1) }
    }
}
