internal import ArgumentParser
import FeedConfig
import FeedModel
import FeedRules
import FeedStore
import Foundation

/// `feedctl rules`: the configuration's `[[rule]]`s, how often each touched an article, and trying them on the
/// stored articles (`test`) or applying them there (`apply`).
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules, try one on the stored articles, or apply it to them.",
        subcommands: [RulesListCommand.self, RulesTestCommand.self, RulesApplyCommand.self],
        defaultSubcommand: RulesListCommand.self
    )
}

/// `feedctl rules [list]`.
struct RulesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the rules with how many articles each touched in the last day and the last 30 days."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print a JSON array.")
    var json = false

    func run() throws {
        let configuration = try global.loadConfiguration()
        // Counting needs the store, but a configuration with no store yet still lists its rules.
        let counts = (try? global.openExistingStore().1.ruleHitCounts()) ?? [:]
        let rules = configuration.rules.rules
        if json {
            JSONWriter.printArray(rules) { writer, rule in
                let count = counts[rule.name] ?? RuleHitCount()
                writer.beginObject()
                writer.field("name", rule.name)
                writer.field("actions", strings: rule.actions.map(\.description))
                writer.field("last_day", count.lastDay)
                writer.field("last_30_days", count.last30Days)
                writer.endObject()
            }
            return
        }
        guard !rules.isEmpty else {
            print("No rules: add [[rule]] tables to \(configuration.sourcePath ?? "the configuration file").")
            return
        }
        var table = TextTable([
            .init(title: "NAME", shrinks: true), .init(title: "ACTIONS", shrinks: true),
            .init(title: "DAY", alignRight: true), .init(title: "30 DAYS", alignRight: true),
            .init(title: "MATCHES", shrinks: true),
        ])
        for rule in rules {
            let count = counts[rule.name] ?? RuleHitCount()
            table.append([
                rule.name, rule.actions.map(\.description).joined(separator: ", "), "\(count.lastDay)",
                "\(count.last30Days)", RuleText.describe(rule),
            ])
        }
        let terminal = Terminal.standardOutput
        print(table.render(width: terminal.width, terminal: terminal), terminator: "")
    }
}

/// `feedctl rules test`: the stored articles a rule would touch; changes nothing.
struct RulesTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "List the stored articles a rule would touch, changing nothing.",
        discussion: """
            Name a rule of the configuration, or give patterns to try one that is not written yet. A keep rule \
            touches the articles of its feeds that it does not match: those it would drop.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rule: RuleOptions

    @Flag(help: "Print a JSON array of the articles, as `articles --json` does.")
    var json = false

    func run() throws {
        let (configuration, store) = try global.openExistingStore()
        let rule = try self.rule.rule(configuration: configuration)
        let touched = try RuleText.touched(by: rule, store: store, since: try self.rule.sinceDate())
        let articles = try touched.compactMap { try store.article(id: $0.id) }
        if json {
            JSONWriter.printArray(articles) { $0.article($1) }
            return
        }
        ArticleTable.print(articles, terminal: .standardOutput)
        let verb =
            touched.contains { $0.marks.drop } ? "would touch (dropping those marked by drop or keep)" : "would touch"
        print("Rule \(rule.name) \(verb) \(Plural.count(articles.count, "stored article")).")
    }
}

/// `feedctl rules apply NAME`: applies a rule to the stored articles.
struct RulesApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply a rule to the stored articles: drop removes and remembers them, the other actions mark.",
        discussion: "Notifications are not sent for articles a rule reaches this way."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The rule's name.")
    var name: String

    @Option(help: ArgumentHelp("Only articles published since a duration ago (30d) or a date.", valueName: "when"))
    var since: String?

    func run() throws {
        let (configuration, store) = try global.openStore()
        let options = try RuleOptions.parse([name] + (since.map { ["--since", $0] } ?? []))
        let rule = try options.rule(configuration: configuration)
        let touched = try RuleText.touched(by: rule, store: store, since: try options.sinceDate())
        let changed = try store.applyRuleMarks(touched)
        let dropped = touched.filter(\.marks.drop).count
        print(
            "Rule \(rule.name) touched \(Plural.count(touched.count, "stored article")): "
                + "\(dropped) removed, \(changed - dropped) marked.")
    }
}
