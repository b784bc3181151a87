import Foundation

/// One `[[rule]]`: patterns an article must all match, the feeds it applies to, and what happens to a match.
public struct Rule: Sendable, Equatable {
    /// `name`: unique among the rules; shown in logs, `feedctl rules` and the digest, and stored with the articles
    /// the rule touched.
    public var name: String
    /// `title`, `content`, `author`, `url`, `category`: patterns that must all match (a missing one matches
    /// anything). `author`, `url` and `category` match when any one author, link or category does.
    public var title: TextPattern?
    public var content: TextPattern?
    public var author: TextPattern?
    public var url: TextPattern?
    public var category: TextPattern?
    /// `feeds` and `tags`.
    public var scope: RuleScope
    /// `older_than`: only articles published more than this long ago (undated articles never are).
    public var olderThan: Duration?
    /// `action`: one or several, in the order written, without duplicates.
    public var actions: [RuleAction]

    public init(
        name: String,
        title: TextPattern? = nil,
        content: TextPattern? = nil,
        author: TextPattern? = nil,
        url: TextPattern? = nil,
        category: TextPattern? = nil,
        scope: RuleScope = .everyFeed,
        olderThan: Duration? = nil,
        actions: [RuleAction]
    ) {
        self.name = name
        self.title = title
        self.content = content
        self.author = author
        self.url = url
        self.category = category
        self.scope = scope
        self.olderThan = olderThan
        self.actions = actions
    }

    /// True for a `keep` rule, which decides what else in its scope is dropped.
    public var keeps: Bool { actions.contains(.keep) }

    /// True when `subject` is in scope and every pattern matches, as of `now` (for `older_than`).
    ///
    /// The cheapest tests come first: scope and age, then the short fields, the article's text last.
    public func matches(_ subject: RuleSubject, now: Date) -> Bool {
        guard scope.contains(subject.feed) else { return false }
        if let olderThan {
            guard let published = subject.published,
                now.timeIntervalSince(published) > Double(olderThan.components.seconds)
            else { return false }
        }
        // A pattern that gives up on a hostile text is no match, except for a keep rule, where "no" would drop the
        // article for good.
        let lenient = keeps
        func test(_ pattern: TextPattern?, _ texts: [String]) -> Bool {
            guard let pattern else { return true }
            return texts.contains { pattern.matches($0, whenGivingUp: lenient) }
        }
        return test(title, [subject.title]) && test(url, subject.urls) && test(author, subject.authors)
            && test(category, subject.categories) && test(content, [subject.content])
    }
}
