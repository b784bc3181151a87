import FeedRules
import Foundation

extension ConfigurationDecoder {
    /// The `[[rule]]` tables, compiled; `sinks` are the `[[notify]]` names a `notify:` action may name.
    func decodeRules(_ readers: [TableReader], sinks: [NotifySettings]) throws(ConfigError) -> RuleSet {
        var rules: [Rule] = []
        for reader in readers {
            try reader.rejectUnknownKeys([
                "name", "title", "content", "author", "url", "category", "feeds", "tags", "older_than", "action",
            ])
            guard let name = try reader.nonEmptyString("name") else {
                throw reader.error("name", "required key is missing")
            }
            guard !name.contains(where: \.isNewline) else { throw reader.error("name", "must not contain line breaks") }
            guard !rules.contains(where: { $0.name == name }) else {
                throw reader.error("name", "another [[rule]] is already named \(describe(name))")
            }
            var rule = Rule(name: name, actions: try decodeActions(reader, sinks: sinks))
            rule.title = try pattern(reader, "title")
            rule.content = try pattern(reader, "content")
            rule.author = try pattern(reader, "author")
            rule.url = try pattern(reader, "url")
            rule.category = try pattern(reader, "category")
            let feeds = try reader.feedReferences("feeds")
            var tags: Set<String> = []
            for tag in try reader.stringArray("tags") ?? [] {
                guard !tag.isEmpty else { throw reader.error("tags", "expected non-empty strings, got \"\"") }
                tags.insert(tag)
            }
            rule.scope = RuleScope(feedIDs: Set(feeds?.ids ?? []), feedURLs: feeds?.urls ?? [], tags: tags)
            rule.olderThan = try reader.duration("older_than")
            rules.append(rule)
        }
        return RuleSet(rules)
    }

    private func pattern(_ reader: TableReader, _ key: String) throws(ConfigError) -> TextPattern? {
        guard let source = try reader.string(key) else { return nil }
        do {
            return try TextPattern(source)
        } catch {
            throw reader.error(key, "invalid regular expression \(describe(source)): \(error)")
        }
    }

    private func decodeActions(_ reader: TableReader, sinks: [NotifySettings]) throws(ConfigError) -> [RuleAction] {
        guard let texts = try reader.stringArray("action", allowSingle: true) else {
            throw reader.error("action", "required key is missing")
        }
        guard !texts.isEmpty else {
            throw reader.error("action", "expected \(RuleAction.expectation) or a list of them, got an empty array")
        }
        var actions: [RuleAction] = []
        for text in texts {
            guard let action = RuleAction(parsing: text) else {
                throw reader.error("action", "expected \(RuleAction.expectation), got \(describe(text))")
            }
            guard !actions.contains(action) else {
                throw reader.error("action", "\(describe(text)) is listed twice")
            }
            if case .notify(let sink) = action {
                guard let settings = sinks.first(where: { $0.name == sink }) else {
                    throw reader.error("action", "\(describe(text)) names no [[notify]] sink")
                }
                guard settings.events.contains(.rule) else {
                    throw reader.error(
                        "action", "\(describe(text)): the sink's events do not include \"rule\"")
                }
            }
            actions.append(action)
        }
        // A rule that drops cannot also mark: the article is never stored.
        if actions.contains(.drop), actions.count > 1 {
            throw reader.error("action", "\"drop\" cannot be combined with other actions: the article is not stored")
        }
        return actions
    }
}
