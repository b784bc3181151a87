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
