import FeedModel
import FeedRules
import FeedStore
import Foundation

/// What `feedctl rules` shows of a rule, and which stored articles it reaches.
enum RuleText {
    /// "title ~ (?i)sponsored, tags news" : the patterns and scope in one line.
    static func describe(_ rule: Rule) -> String {
        var parts: [String] = []
        let patterns: [(String, TextPattern?)] = [
            ("title", rule.title), ("content", rule.content), ("author", rule.author), ("url", rule.url),
            ("category", rule.category),
        ]
        for case (let field, let pattern?) in patterns {
            parts.append("\(field) ~ \(pattern.source)")
        }
        if !rule.scope.feedIDs.isEmpty || !rule.scope.feedURLKeys.isEmpty {
            parts.append("\(rule.scope.feedIDs.count + rule.scope.feedURLKeys.count) feeds")
        }
        if !rule.scope.tags.isEmpty {
            parts.append("tags " + rule.scope.tags.sorted().joined(separator: ", "))
        }
        if let older = rule.olderThan {
            parts.append("older than \(Int(older.components.seconds / 86_400))d")
        }
        return parts.isEmpty ? "every article" : parts.joined(separator: "; ")
    }

    /// The stored articles (published since `since`) `rule` touches, newest first, with what it decides for each.
    ///
    /// A keep rule is judged with the other keep rules of `configured`, as the pipeline judges them: it touches
    /// the articles of its feeds that no keep rule covering them matches, never one another keep rule keeps.
    static func touched(by rule: Rule, among configured: RuleSet, store: FeedStore, since: Date?) throws -> [(
        id: Int64, marks: RuleMarks
    )] {
        let rules =
            rule.keeps
            ? RuleSet([rule] + configured.rules.filter { $0.keeps && $0.name != rule.name }) : RuleSet([rule])
        let now = Date()
        var touched: [(id: Int64, marks: RuleMarks)] = []
        try store.forEachRuleCandidate(since: since) { candidate in
            let subject = RuleSubject(
                feed: RuleSubject.Feed(id: candidate.feedID, url: candidate.feedURL, tags: candidate.feedTags),
                title: candidate.title, content: candidate.contentText,
                authors: candidate.authors.flatMap { [$0.name, $0.email].compactMap { $0 } },
                urls: [candidate.link, candidate.canonicalURL], categories: candidate.categories,
                published: candidate.published)
            // A keep rule reaches what it would leave out of its own feeds; any other rule what it matches.
            if rule.keeps {
                guard rule.scope.contains(subject.feed) else { return }
                var marks = rules.marks(for: subject, now: now)
                guard marks.drop else { return }
                marks.names = [rule.name]
                touched.append((candidate.id, marks))
            } else {
                let marks = rules.marks(for: subject, now: now)
                if !marks.isEmpty { touched.append((candidate.id, marks)) }
            }
        }
        return touched
    }
}
