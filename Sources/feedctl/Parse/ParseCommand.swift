import ArgumentParser
import FeedModel
import FeedParsing
import Foundation

/// `feedctl parse [--json] SOURCE...`: reads feeds the way feedd does and prints what it found.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse feeds and print what feedd reads in them.",
        discussion: """
            SOURCE is a file path, - for standard input, or an http, https or file URL. With --json, one JSON \
            object per source is printed, one per line.
            """
    )

    @Flag(name: .long, help: "Print JSON, one object per source per line.")
    var json = false

    @Argument(help: "Files, - for standard input, or http(s)/file URLs.")
    var sources: [String]

    func run() throws {
        var failed = false
        for source in sources {
            do {
                let input = try FeedSource.open(source)
                if json {
                    try JSONParsePrinter().parse(input)
                } else {
                    try SummaryParsePrinter().parse(input)
                }
            } catch let error as ExitCode {
                throw error
            } catch {
                reportError("\(source): \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}

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

/// Parses one source and prints a few lines a person can read.
struct SummaryParsePrinter {
    func parse(_ input: FeedSource) throws {
        var count = 0
        var newest: [(date: Date?, title: String)] = []
        let document = try input.parse { entry in
            count += 1
            newest.append((entry.published ?? entry.updated, entry.title ?? entry.link ?? entry.id))
            if newest.count > 64 { newest = Self.newestFirst(newest, keep: 5) }
        }
        var lines: [String] = []
        let kind = "\(document.format.rawValue.uppercased())\(document.version.isEmpty ? "" : " " + document.version)"
        lines.append("\(input.name): \(kind) feed: \(document.title ?? "(untitled)")")
        if let link = document.link { lines.append("  link:    \(link)") }
        if let updated = document.updated { lines.append("  updated: \(Timestamp.rfc3339(updated))") }
        lines.append("  entries: \(count)")
        for item in Self.newestFirst(newest, keep: 5) {
            let date = item.date.map { String(Timestamp.rfc3339($0).prefix(10)) } ?? "    -     "
            lines.append("    \(date)  \(item.title)")
        }
        if document.bozo {
            lines.append("  problems: \(document.problems.count)")
            for problem in document.problems.prefix(5) { lines.append("    \(problem)") }
        }
        FileDescriptorOutput.standardOutput.write(lines.joined(separator: "\n") + "\n")
    }

    private static func newestFirst(_ items: [(date: Date?, title: String)], keep: Int) -> [(date: Date?, title: String)] {
        Array(items.sorted { ($0.date ?? .distantPast) > ($1.date ?? .distantPast) }.prefix(keep))
    }
}
