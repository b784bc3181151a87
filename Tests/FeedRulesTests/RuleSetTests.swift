import FeedModel
import FeedRules
import Foundation
import Testing

@Suite struct RuleSetTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let news = RuleSubject.Feed(id: 1, url: "https://news.example/feed", tags: ["news"])
    static let blog = RuleSubject.Feed(id: 2, url: "https://blog.example/feed.xml", tags: ["tech"])

    static func subject(
        _ feed: RuleSubject.Feed = news, title: String = "Title", content: String = "Body text.",
        authors: [String] = [], url: String? = "https://news.example/a", categories: [String] = [],
        age: TimeInterval? = 3600
    ) -> RuleSubject {
        RuleSubject(
            feed: feed, title: title, content: content, authors: authors, urls: [url], categories: categories,
            published: age.map { now.addingTimeInterval(-$0) })
    }

    static func rule(_ name: String, _ actions: [RuleAction], configure: (inout Rule) throws -> Void = { _ in })
        rethrows -> Rule
    {
        var rule = Rule(name: name, actions: actions)
        try configure(&rule)
        return rule
    }

    /// Each field, scope and age limit on its own: (rule, subject, matches).
    @Test func eachFieldAndScope() throws {
        let cases: [(Rule, RuleSubject, Bool)] = [
            (
                try Self.rule("t", [.read]) { $0.title = try TextPattern("(?i)sponsored") },
                Self.subject(title: "SPONSORED: buy"), true
            ),
            (
                try Self.rule("t", [.read]) { $0.title = try TextPattern("(?i)sponsored") },
                Self.subject(title: "News"), false
            ),
            (
                try Self.rule("c", [.read]) { $0.content = try TextPattern(#"\bcrypto\b"#) },
                Self.subject(content: "All about crypto today."), true
            ),
            (
                try Self.rule("a", [.read]) { $0.author = try TextPattern("^Jane") },
                Self.subject(authors: ["Bob", "Jane Roe"]), true
            ),
            (
                try Self.rule("a", [.read]) { $0.author = try TextPattern("^Jane") },
                Self.subject(authors: []), false
            ),
            (
                try Self.rule("u", [.read]) { $0.url = try TextPattern("/sponsored/") },
                Self.subject(url: "https://news.example/sponsored/x"), true
            ),
            (
                try Self.rule("k", [.read]) { $0.category = try TextPattern("^Sport$") },
                Self.subject(categories: ["Politics", "Sport"]), true
            ),
            (
                try Self.rule("k", [.read]) { $0.category = try TextPattern("^Sport$") },
                Self.subject(categories: ["Sports"]), false
            ),
            (Self.rule("s", [.read]) { $0.scope = RuleScope(feedIDs: [2]) }, Self.subject(Self.blog), true),
            (Self.rule("s", [.read]) { $0.scope = RuleScope(feedIDs: [2]) }, Self.subject(Self.news), false),
            // Any spelling of a feed's URL names it.
            (
                Self.rule("s", [.read]) { $0.scope = RuleScope(feedURLs: ["http://BLOG.example/feed.xml"]) },
                Self.subject(Self.blog), true
            ),
            (Self.rule("s", [.read]) { $0.scope = RuleScope(tags: ["news"]) }, Self.subject(Self.news), true),
            (Self.rule("s", [.read]) { $0.scope = RuleScope(tags: ["news"]) }, Self.subject(Self.blog), false),
            (Self.rule("o", [.read]) { $0.olderThan = .seconds(30 * 86_400) }, Self.subject(age: 31 * 86_400), true),
            (Self.rule("o", [.read]) { $0.olderThan = .seconds(30 * 86_400) }, Self.subject(age: 86_400), false),
            (Self.rule("o", [.read]) { $0.olderThan = .seconds(30 * 86_400) }, Self.subject(age: nil), false),
            // Every pattern must match.
            (
                try Self.rule("both", [.read]) {
                    $0.title = try TextPattern("Deal")
                    $0.content = try TextPattern("coupon")
                }, Self.subject(title: "Deal of the day", content: "No code."), false
            ),
        ]
        for (rule, subject, expected) in cases {
            #expect(rule.matches(subject, now: Self.now) == expected, "\(rule.name) on \(subject.title)")
        }
    }

    @Test func actionsAddUp() throws {
        let rules = RuleSet([
            try Self.rule("later", [.read, .tag("later"), .star]) { $0.title = try TextPattern("Weekly") },
            try Self.rule("alert", [.highlight, .notify("phone"), .tag("later")]) {
                $0.content = try TextPattern("(?i)outage")
            },
            try Self.rule("nothing", [.drop]) { $0.title = try TextPattern("never matches this") },
        ])
        let marks = rules.marks(
            for: Self.subject(title: "Weekly report", content: "An outage at noon."), now: Self.now)
        #expect(marks.names == ["later", "alert"])
        #expect(marks.read && marks.star && marks.highlight && !marks.drop)
        #expect(marks.tags == ["later"])
        #expect(marks.notify == ["phone"])
        #expect(rules.marks(for: Self.subject(title: "Other"), now: Self.now).isEmpty)
    }

    @Test func dropWins() throws {
        let rules = RuleSet([
            try Self.rule("ads", [.drop]) { $0.title = try TextPattern("(?i)sponsored") },
            try Self.rule("mark", [.star]) { $0.title = try TextPattern("post") },
        ])
        let marks = rules.marks(for: Self.subject(title: "Sponsored post"), now: Self.now)
        #expect(marks.drop)
        #expect(marks.names == ["ads", "mark"])
    }

    /// `keep` rules act together within their scope and leave other feeds alone.
    @Test func keepRulesInTheirScope() throws {
        let rules = RuleSet([
            try Self.rule("swift", [.keep]) {
                $0.title = try TextPattern("(?i)swift")
                $0.scope = RuleScope(tags: ["tech"])
            },
            try Self.rule("linux", [.keep, .tag("linux")]) {
                $0.title = try TextPattern("(?i)linux")
                $0.scope = RuleScope(tags: ["tech"])
            },
        ])
        let kept = rules.marks(for: Self.subject(Self.blog, title: "Linux 7.0 released"), now: Self.now)
        #expect(!kept.drop)
        #expect(kept.names == ["linux"])
        #expect(kept.tags == ["linux"])
        let left = rules.marks(for: Self.subject(Self.blog, title: "Gardening tips"), now: Self.now)
        #expect(left.drop)
        #expect(left.names == ["swift", "linux"])
        let otherFeed = rules.marks(for: Self.subject(Self.news, title: "Gardening tips"), now: Self.now)
        #expect(otherFeed.isEmpty && !otherFeed.drop)
    }

    /// A pattern that gives up at its backtracking limit on a hostile text drops nothing, and keeps what a keep
    /// rule covers: "no" would lose the article for good.
    @Test func aPatternThatGivesUpNeverLosesAnArticle() throws {
        let hostile = String(repeating: "a", count: 40) + "!"
        let drop = RuleSet([try Self.rule("drop", [.drop]) { $0.title = try TextPattern("(a+)+$") }])
        #expect(!drop.marks(for: Self.subject(title: hostile), now: Self.now).drop)
        let keep = RuleSet([try Self.rule("keep", [.keep]) { $0.title = try TextPattern("(a+)+$") }])
        #expect(!keep.marks(for: Self.subject(title: hostile), now: Self.now).drop)
        // A clean "no" still leaves the article out.
        #expect(keep.marks(for: Self.subject(title: "bbb"), now: Self.now).drop)
    }

    @Test func theNotifyingRuleIsRecordedPerSink() throws {
        let rules = RuleSet([
            try Self.rule("tagger", [.tag("x")]) { $0.title = try TextPattern("a") },
            try Self.rule("pager", [.notify("phone")]) { $0.title = try TextPattern("a") },
        ])
        #expect(rules.marks(for: Self.subject(title: "a"), now: Self.now).notifiedBy == ["phone": "pager"])
    }

    @Test(arguments: [
        ("drop", RuleAction.drop), ("keep", .keep), ("read", .read), ("star", .star), ("highlight", .highlight),
        ("tag:later", .tag("later")), ("notify:phone", .notify("phone")),
    ])
    func actionSyntax(_ text: String, _ action: RuleAction) {
        #expect(RuleAction(parsing: text) == action)
        #expect(action.description == text)
    }

    @Test(arguments: ["", "tag:", "notify:", "delete", "Tag:x", "tag:a,b"])
    func badActionSyntax(_ text: String) {
        #expect(RuleAction(parsing: text) == nil)
    }
}
