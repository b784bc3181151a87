import Foundation
import TestSupport
import Testing

/// `[[rule]]`s through the built feedctl: what `add` stores, `rules`, `rules test`, `rules apply`, stars and tags.
@Suite struct RulesCommandTests {
    /// A sandbox with `rules` and two feeds on disk: "news" (tagged news) and "blog".
    static func sandbox(rules: String) throws -> (FeedctlSandbox, news: String, blog: String) {
        let sandbox = try FeedctlSandbox(extraTOML: rules)
        let news = try feed(
            "news", in: sandbox,
            items: [
                ("Sponsored: a better mattress", 3600), ("Storm closes the harbour", 7200),
                ("Council votes on the budget", 40 * 86_400),
            ])
        let blog = try feed("blog", in: sandbox, items: [("Swift 7 is out", 3600), ("My garden in winter", 7200)])
        return (sandbox, news, blog)
    }

    /// Writes `NAME.xml` in the sandbox with items published the given number of seconds ago; returns its URL.
    static func feed(_ name: String, in sandbox: FeedctlSandbox, items: [(String, TimeInterval)]) throws -> String {
        let now = Date()
        let file = sandbox.directory.appendingPathComponent("\(name).xml")
        let rss = DatedFeed.rss(
            name, items: items.map { DatedFeed.Item(title: $0.0, published: now.addingTimeInterval(-$0.1)) })
        try Data(rss.utf8).write(to: file)
        return file.absoluteString
    }

    /// Adds `url` to the sandbox's store through a second configuration without the sandbox's rules.
    static func addWithoutRules(_ url: String, to sandbox: FeedctlSandbox) throws -> FeedctlBinary.Result {
        let plain = sandbox.directory.appendingPathComponent("plain.toml").path
        try Data("[store]\npath = \"\(sandbox.storePath)\"\n[fetch]\nallow_private_addresses = true\n".utf8)
            .write(to: URL(fileURLWithPath: plain))
        return try FeedctlBinary.run(["add", url, "--config", plain])
    }

    static func titles(_ articles: [[String: Any]]) -> [String] {
        articles.compactMap { $0["title"] as? String }.sorted()
    }

    @Test func addRunsTheRulesAndTheListingShowsWhatTheyDid() throws {
        let (sandbox, news, blog) = try Self.sandbox(
            rules: #"""
                [[rule]]
                name = "sponsored"
                title = '(?i)\bsponsored\b'
                action = "drop"

                [[rule]]
                name = "storms"
                content = '(?i)storm'
                action = ["star", "tag:weather", "read", "highlight"]

                [[rule]]
                name = "swift-only"
                title = '(?i)swift'
                tags = ["tech"]
                action = ["keep", "tag:swift"]

                [[rule]]
                name = "never"
                title = 'nothing matches this'
                action = "star"
                """#)
        let added = try sandbox.succeed(["add", news, "--tag", "news"])
        #expect(added.contains("2 articles (1 dropped by rules)"), "\(added)")
        try sandbox.succeed(["add", blog, "--tag", "tech"])
        #expect(
            Self.titles(try sandbox.articles()) == [
                "Council votes on the budget", "Storm closes the harbour", "Swift 7 is out",
            ])
        let storm = try #require(try sandbox.articles().first { ($0["title"] as? String)?.hasPrefix("Storm") == true })
        #expect(storm["starred"] as? Bool == true)
        #expect(storm["read"] as? Bool == true)
        #expect(storm["tags"] as? [String] == ["weather"])
        #expect(storm["rules"] as? [String] == ["storms"])
        #expect(Self.titles(try sandbox.articles(["--starred"])) == ["Storm closes the harbour"])
        #expect(Self.titles(try sandbox.articles(["--tag", "swift"])) == ["Swift 7 is out"])
        // A feed's own tag selects its articles too.
        #expect(Self.titles(try sandbox.articles(["--tag", "tech"])) == ["Swift 7 is out"])

        let rules = try #require(try sandbox.json(["rules", "--json"]) as? [[String: Any]])
        let counts = Dictionary(uniqueKeysWithValues: rules.map { ($0["name"] as! String, $0["last_day"] as! Int) })
        // The keep rule touched both blog posts: the one it kept and the one it left out.
        #expect(counts == ["sponsored": 1, "storms": 1, "swift-only": 2, "never": 0])
        let table = try sandbox.succeed(["rules"])
        #expect(table.contains("sponsored") && table.contains("title ~ (?i)\\bsponsored\\b"), "\(table)")
    }

    @Test func testingAPatternChangesNothing() throws {
        let (sandbox, news, _) = try Self.sandbox(
            rules: """
                [[rule]]
                name = "old"
                older_than = "30d"
                action = "drop"

                [[rule]]
                name = "elsewhere"
                title = '(?i)harbour'
                feeds = ["https://nowhere.example/feed"]
                action = ["star", "tag:coast"]
                """)
        try sandbox.succeed(["add", news])
        // `old` dropped the 40-day-old item; `elsewhere` is scoped to another feed.
        #expect(Self.titles(try sandbox.articles()) == ["Sponsored: a better mattress", "Storm closes the harbour"])
        #expect(try sandbox.articles(["--starred"]).isEmpty)
        let tried = try #require(
            try sandbox.json(["rules", "test", "--json", "--title", "(?i)budget|mattress|storm"]) as? [[String: Any]])
        #expect(Self.titles(tried) == ["Sponsored: a better mattress", "Storm closes the harbour"])
        let text = try sandbox.succeed(["rules", "test", "--title", "(?i)storm"])
        #expect(text.contains("would touch 1 stored article"), "\(text)")
        #expect(
            try sandbox.succeed(["rules", "test", "--title", "no such words"]).contains("would touch 0 stored articles")
        )
        // A pattern that does not compile is one line naming it.
        let bad = try sandbox.run(["rules", "test", "--title", "(unclosed"])
        #expect(bad.status != 0)
        #expect(
            bad.standardError
                == "feedctl: --title: invalid regular expression '(unclosed': missing closing parenthesis at character 10\n"
        )
        // Testing changed nothing; a rule scoped to another feed touches nothing here.
        #expect(try sandbox.articles().count == 2)
        let applied = try sandbox.succeed(["rules", "apply", "elsewhere"])
        #expect(applied.contains("touched 0 stored articles"), "\(applied)")
    }

    @Test func applyMarksAndDropsStoredArticlesAndTheyStayDropped() throws {
        let (sandbox, news, _) = try Self.sandbox(
            rules: #"""
                [[rule]]
                name = "ads"
                title = '(?i)sponsored'
                action = "drop"

                [[rule]]
                name = "harbour"
                title = '(?i)harbour'
                action = ["star", "tag:coast"]
                """#)
        // Stored without rules first (a second configuration without them).
        let add = try Self.addWithoutRules(news, to: sandbox)
        #expect(add.status == 0, "\(add.standardError)")
        #expect(try sandbox.articles().count == 3)
        let tried = try sandbox.succeed(["rules", "test", "ads"])
        #expect(tried.contains("Sponsored: a better mattress") && tried.contains("would touch 1 stored article"))
        #expect(try sandbox.succeed(["rules", "apply", "ads"]).contains("1 removed, 0 marked"))
        #expect(try sandbox.succeed(["rules", "apply", "harbour"]).contains("0 removed, 1 marked"))
        #expect(try sandbox.succeed(["rules", "apply", "harbour"]).contains("0 removed, 0 marked"))
        #expect(Self.titles(try sandbox.articles()) == ["Council votes on the budget", "Storm closes the harbour"])
        let storm = try #require(try sandbox.articles(["--starred"]).first)
        #expect(storm["tags"] as? [String] == ["coast"] && storm["rules"] as? [String] == ["harbour"])
        // Unstar, star by hand.
        let id = try #require(storm["id"] as? Int)
        #expect(try sandbox.succeed(["unstar", "\(id)"]) == "Unstarred 1 article.\n")
        #expect(try sandbox.articles(["--starred"]).isEmpty)
        #expect(try sandbox.succeed(["star", "\(id)"]) == "Starred 1 article.\n")
        let missing = try sandbox.run(["star", "999"])
        #expect(missing.status == 1 && missing.standardError == "feedctl: no article with id 999\n")
        // An unknown rule is named.
        let unknown = try sandbox.run(["rules", "apply", "nope"])
        #expect(unknown.standardError.hasPrefix("feedctl: no rule named 'nope' in "))
    }

    /// `rules test` and `apply` judge a keep rule with the other keep rules, as the pipeline does: one keep rule
    /// never removes what another keeps.
    @Test func keepRulesAreAppliedTogether() throws {
        let (sandbox, news, _) = try Self.sandbox(
            rules: """
                [[rule]]
                name = "storms"
                title = '(?i)storm'
                action = "keep"

                [[rule]]
                name = "budget"
                title = '(?i)budget'
                action = "keep"
                """)
        #expect(try Self.addWithoutRules(news, to: sandbox).status == 0)
        let tried = try #require(try sandbox.json(["rules", "test", "storms", "--json"]) as? [[String: Any]])
        #expect(Self.titles(tried) == ["Sponsored: a better mattress"])
        #expect(try sandbox.succeed(["rules", "apply", "storms"]).contains("1 removed"))
        #expect(Self.titles(try sandbox.articles()) == ["Council votes on the budget", "Storm closes the harbour"])
    }

    @Test func aBadRegularExpressionIsAConfigurationError() throws {
        let sandbox = try FeedctlSandbox(extraTOML: "[[rule]]\nname = \"bad\"\ntitle = '(oops'\naction = \"drop\"\n")
        let result = try sandbox.run(["rules"])
        #expect(result.status != 0)
        #expect(
            result.standardError
                == "feedctl: \(sandbox.configPath):9: rule.title: invalid regular expression \"(oops\": missing closing parenthesis at character 6\n"
        )
    }
}
