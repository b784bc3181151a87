import FeedModel
import Foundation

/// The owner's rules, compiled once per configuration load, applied to each new article in the pipeline.
///
/// Rules are independent: every rule that matches adds its actions. `drop` wins over everything else. `keep`
/// rules act together: an article of a feed that one or more `keep` rules cover is dropped unless one of those
/// matches it, and the covering rules are named as the ones that touched it.
public struct RuleSet: Sendable, Equatable {
    public let rules: [Rule]

    public init(_ rules: [Rule]) {
        self.rules = rules
    }

    /// No rules: every article is stored as it comes.
    public static let empty = RuleSet([])

    public var isEmpty: Bool { rules.isEmpty }

    /// What the rules decide for `subject` as of `now`.
    public func marks(for subject: RuleSubject, now: Date) -> RuleMarks {
        var marks = RuleMarks()
        guard !rules.isEmpty else { return marks }
        var keepers: [String] = []
        var kept = false
        for rule in rules {
            if rule.keeps, rule.scope.contains(subject.feed) {
                keepers.append(rule.name)
            }
            guard rule.matches(subject, now: now) else { continue }
            marks.names.append(rule.name)
            for action in rule.actions {
                switch action {
                case .drop: marks.drop = true
                case .keep: kept = true
                case .read: marks.read = true
                case .star: marks.star = true
                case .highlight: marks.highlight = true
                case .tag(let name): if !marks.tags.contains(name) { marks.tags.append(name) }
                case .notify(let sink):
                    if !marks.notify.contains(sink) {
                        marks.notify.append(sink)
                        marks.notifiedBy[sink] = rule.name
                    }
                }
            }
        }
        if !keepers.isEmpty, !kept {
            marks.drop = true
            for name in keepers where !marks.names.contains(name) {
                marks.names.append(name)
            }
        }
        return marks
    }

    /// Each of `articles` with what the rules decide for it; the store leaves out, and remembers, those marked
    /// `drop`.
    public func apply(to articles: [Article], feed: RuleSubject.Feed, now: Date) -> [Article] {
        guard !rules.isEmpty else { return articles }
        return articles.map { article in
            var article = article
            article.rules = marks(for: RuleSubject(article, feed: feed), now: now)
            return article
        }
    }
}
