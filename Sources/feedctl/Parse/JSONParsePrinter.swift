import ArgumentParser
import FeedModel
import FeedParsing

/// Parses one source, streaming each entry's JSON into a spool, and prints the object once the feed is known.
struct JSONParsePrinter {
    private final class EntrySink {
        let spool = EntrySpool()
        var writer = JSONWriter(capacity: 64 << 10)
        var count = 0
        var error: Error?

        func add(_ entry: Entry) {
            guard error == nil else { return }
            writer.removeAll()
            if count > 0 { writer.raw(Array(",".utf8)) }
            writer.entry(entry)
            count += 1
            do { try spool.append(writer.bytes) } catch { self.error = error }
        }
    }

    func parse(_ input: FeedSource) throws {
        let sink = EntrySink()
        let document = try input.parse { sink.add($0) }
        if let error = sink.error { throw error }
        var header = JSONWriter()
        header.beginObject()
        header.feedFields(document)
        header.key("entries")
        let output = FileDescriptorOutput.standardOutput
        guard output.write(header.bytes + Array("[".utf8)) else { throw ExitCode(1) }
        try sink.spool.drain(to: output)
        guard output.write("]}\n") else { throw ExitCode(1) }
    }
}
