internal import ArgumentParser
import FeedModel
import FeedStore
import Foundation

/// `feedctl search QUERY`: full-text search, best match first, with highlighted excerpts.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the titles and texts of stored articles, best match first.",
        discussion: """
            Words are all required; "several words" is a phrase; word* matches a prefix; OR and NOT (upper case) \
            combine; -word excludes a word.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "At most this many results.")
    var limit = 20

    @Flag(help: "Print a JSON array (each article with a plain-text snippet).")
    var json = false

    @Argument(help: "What to look for.")
    var query: [String]

    func run() throws {
        let (_, store) = try global.openExistingStore()
        let hits = try store.search(query.joined(separator: " "), limit: max(limit, 0))
        if json {
            JSONWriter.printArray(hits) { $0.article($1) }
            return
        }
        let terminal = Terminal.standardOutput
        guard !hits.isEmpty else {
            print("No matches.")
            return
        }
        for hit in hits {
            let date = TimeText.local(hit.published ?? hit.fetched)
            print(terminal.paint("#\(hit.id)", .dim) + " " + terminal.paint(hit.title ?? "(untitled)", .bold))
            print("    " + terminal.paint("\(hit.feed.title) · \(date)", .dim))
            if let snippet = hit.snippet, !snippet.isEmpty {
                let flat = snippet.split(whereSeparator: \.isNewline).joined(separator: " ")
                let marked =
                    terminal.usesColour
                    ? flat.replacingOccurrences(of: "\u{1}", with: "\u{1B}[1;33m")
                        .replacingOccurrences(of: "\u{2}", with: "\u{1B}[0m")
                    : flat.replacingOccurrences(of: "\u{1}", with: "").replacingOccurrences(of: "\u{2}", with: "")
                print("    " + marked)
            }
            if let link = hit.link {
                print("    " + terminal.paint(link, .cyan))
            }
        }
    }
}
