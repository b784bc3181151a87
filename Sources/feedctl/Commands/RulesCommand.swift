internal import ArgumentParser
import FeedConfig
import FeedModel
import FeedRules
import FeedStore
import Foundation

/// `feedctl rules [list]`, `feedctl rules test NAME|--title …` and `feedctl rules apply NAME`: the configuration's
/// `[[rule]]`s, how often each touched an article, and trying one on the stored articles or applying it there.
///
/// One command whose first word picks what to do, rather than subcommands, so that `--config` goes after
/// `rules` as it does after every other command.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules, try one on the stored articles, or apply it to them.",
        discussion: """
            rules [list]: each rule with how many articles it touched in the last day and the last 30 days. \
            rules test NAME, or rules test --title RE [--content RE ...]: the stored articles the rule would touch, \
            changing nothing (a keep rule touches the articles of its feeds that it does not match: those it would \
            drop). rules apply NAME: applies the rule to the stored articles: drop removes and remembers them, the \
            other actions mark them; no notification is sent for them.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("list (the default), test or apply, then the rule's name.", valueName: "action"))
    var words: [String] = []

    @OptionGroup var patterns: RuleOptions

    @Flag(help: "Print JSON: the rules, or the articles a rule would touch (as `articles --json`).")
    var json = false

    func validate() throws {
        guard let action = words.first else { return }
        guard ["list", "test", "apply"].contains(action) else {
            throw ValidationError("expected list, test or apply, got '\(action)'")
        }
        if words.count > 2 {
            throw ValidationError(
                "expected one rule name, got \(words.count - 1): \(words.dropFirst().joined(separator: " "))")
        }
        if action == "list", words.count > 1 || patterns.hasPatterns || patterns.since != nil {
            throw ValidationError("rules list takes no name, pattern or --since")
        }
        if action == "apply", words.count < 2 {
            throw ValidationError("rules apply needs the name of a rule in the configuration")
        }
        if action == "apply", patterns.hasPatterns {
            throw ValidationError("rules apply takes the name of a rule, not patterns: write it in the configuration")
        }
    }

    func run() throws {
        switch words.first ?? "list" {
        case "test": try test()
        case "apply": try apply()
        default: try list()
        }
    }

    private func list() throws {
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
                writer.field("matches", RuleText.describe(rule))
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

    private func test() throws {
        let (configuration, store) = try global.openExistingStore()
        let rule = try patterns.rule(named: words.dropFirst().first, configuration: configuration)
        let touched = try RuleText.touched(
            by: rule, among: configuration.rules, store: store, since: try patterns.sinceDate())
        let articles = try touched.compactMap { try store.article(id: $0.id) }
        if json {
            JSONWriter.printArray(articles) { $0.article($1) }
            return
        }
        ArticleTable.print(articles, terminal: .standardOutput)
        let dropping = touched.filter(\.marks.drop).count
        let drops = dropping > 0 ? " (\(dropping) of them dropped)" : ""
        print("Rule \(rule.name) would touch \(Plural.count(articles.count, "stored article"))\(drops).")
    }

    private func apply() throws {
        let (configuration, store) = try global.openStore()
        let rule = try patterns.rule(named: words.dropFirst().first, configuration: configuration)
        let touched = try RuleText.touched(
            by: rule, among: configuration.rules, store: store, since: try patterns.sinceDate())
        let changed = try store.applyRuleMarks(touched)
        let dropped = touched.filter(\.marks.drop).count
        print(
            "Rule \(rule.name) touched \(Plural.count(touched.count, "stored article")): "
                + "\(dropped) removed, \(max(changed - dropped, 0)) marked.")
    }
}
