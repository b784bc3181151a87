internal import ArgumentParser
import FeedConfig
import FeedRules
import Foundation

/// A rule for `rules test`: a configured one by name, or one made of patterns on the command line.
struct RuleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A pattern the title must match.", valueName: "regex"))
    var title: String?

    @Option(help: ArgumentHelp("A pattern the article's text must match.", valueName: "regex"))
    var content: String?

    @Option(help: ArgumentHelp("A pattern an author must match.", valueName: "regex"))
    var author: String?

    @Option(help: ArgumentHelp("A pattern the link must match.", valueName: "regex"))
    var url: String?

    @Option(help: ArgumentHelp("A pattern a category must match.", valueName: "regex"))
    var category: String?

    @Option(help: ArgumentHelp("Only articles published since a duration ago (30d) or a date.", valueName: "when"))
    var since: String?

    var hasPatterns: Bool { [title, content, author, url, category].contains { $0 != nil } }

    func validate() throws {
        if let since, SinceSyntax.parse(since, now: Date()) == nil {
            throw ValidationError(
                "--since expects a duration such as 30d or 12h, or a date such as 2026-11-01; got '\(since)'")
        }
    }

    func sinceDate() throws -> Date? {
        since.flatMap { SinceSyntax.parse($0, now: Date()) }
    }

    /// The rule called `name`, or a rule of the patterns given (which marks nothing: it is only tried).
    func rule(named name: String?, configuration: FeedConfiguration) throws -> Rule {
        if name != nil && hasPatterns {
            throw ValidationError("name a rule or give patterns, not both")
        }
        if let name {
            guard let rule = configuration.rules.rules.first(where: { $0.name == name }) else {
                let names = configuration.rules.rules.map(\.name)
                throw CommandError(
                    "no rule named '\(name)' in \(configuration.sourcePath ?? "the configuration")"
                        + (names.isEmpty ? " (it has no [[rule]])" : " (rules: \(names.joined(separator: ", ")))"))
            }
            return rule
        }
        guard hasPatterns else {
            throw ValidationError(
                "name a rule, or give at least one of --title, --content, --author, --url and --category")
        }
        var rule = Rule(name: "(command line)", actions: [.read])
        rule.title = try pattern(title, "--title")
        rule.content = try pattern(content, "--content")
        rule.author = try pattern(author, "--author")
        rule.url = try pattern(url, "--url")
        rule.category = try pattern(category, "--category")
        return rule
    }

    private func pattern(_ source: String?, _ option: String) throws -> TextPattern? {
        guard let source else { return nil }
        do {
            return try TextPattern(source)
        } catch {
            throw CommandError("\(option): invalid regular expression '\(source)': \(error)")
        }
    }
}
