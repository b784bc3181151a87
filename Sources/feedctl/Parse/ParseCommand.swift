internal import ArgumentParser
import FeedExtraction
import FeedFetching
import FeedModel
import FeedParsing
import Foundation

/// `feedctl parse [--json] [--kind html --item SEL --title SEL --link SEL …] SOURCE...`: reads feeds, or pages with
/// the owner's selectors, the way feedd does and prints what it found.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse feeds and print what feedd reads in them.",
        discussion: """
            SOURCE is a file path, - for standard input, or an http, https or file URL. With --json, one JSON \
            object per source is printed, one per line. With --kind html, each source is a web page read as a \
            feed with the selectors given, as feedd reads a kind = "html" feed.
            """
    )

    @Flag(name: .long, help: "Print JSON, one object per source per line.")
    var json = false

    @Option(name: .long, help: "feed (the default), or html: web pages read with the selectors below.")
    var kind: SourceKind = .feed

    @OptionGroup
    var selectors: HTMLRuleOptions

    @Argument(help: "Files, - for standard input, or http(s)/file URLs.")
    var sources: [String]

    func validate() throws {
        _ = try selectors.rules(for: kind)
    }

    func run() throws {
        let rules = try selectors.rules(for: kind)
        if json && sources.count > 1 {
            try runConcurrently(rules: rules)
            return
        }
        var failed = false
        for source in sources {
            do {
                let input = try FeedSource.open(source)
                if json {
                    try JSONParsePrinter(rules: rules).render(input).write(to: .standardOutput)
                } else {
                    try SummaryParsePrinter(rules: rules).parse(input)
                }
            } catch let error as ExitCode {
                throw error
            } catch {
                reportError(Self.failure(source, error))
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// Several sources: parsed two at a time, printed in the order given.
    private func runConcurrently(rules: HTMLItemRules?) throws {
        let sources = self.sources
        var failed = false
        var closed = false
        OrderedParallelMap.run(count: sources.count, width: 2) { index in
            Result { try JSONParsePrinter(rules: rules).render(FeedSource.open(sources[index])) }
        } deliver: { index, result in
            guard !closed else { return }
            switch result {
            case .success(let rendered):
                do { try rendered.write(to: .standardOutput) } catch { closed = true }
            case .failure(let error):
                reportError(Self.failure(sources[index], error))
                failed = true
            }
        }
        if closed || failed { throw ExitCode(1) }
    }

    /// The line for a source that failed; a fetch error names its URL itself, and once is enough.
    private static func failure(_ source: String, _ error: any Error) -> String {
        if let error = error as? FetchError, error.url == source {
            return error.description
        }
        return "\(source): \(error)"
    }
}
