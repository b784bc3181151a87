import FeedExtraction
import FeedModel
import FeedParsing
import Foundation

/// Parses one source and prints a few lines a person can read.
struct SummaryParsePrinter {
    /// The selectors when the source is a page (`--kind html`), nil for a feed.
    var rules: HTMLItemRules?

    func parse(_ input: FeedSource) throws {
        var count = 0
        var newest: [(date: Date?, title: String)] = []
        let document = try input.parse(rules: rules) { entry in
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

    private static func newestFirst(_ items: [(date: Date?, title: String)], keep: Int) -> [(
        date: Date?, title: String
    )] {
        Array(items.sorted { ($0.date ?? .distantPast) > ($1.date ?? .distantPast) }.prefix(keep))
    }
}
