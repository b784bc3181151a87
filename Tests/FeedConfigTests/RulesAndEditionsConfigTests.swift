import FeedConfig
import FeedRules
import Foundation
import Testing

/// `[[rule]]`, `[[notify]]` and `[[digest]]` editions: what they read as, and one-line errors at the key's line.
@Suite struct RulesAndEditionsConfigTests {
    @Test func rulesAndSinks() throws {
        let configuration = try FeedConfiguration.parse(
            testText:
                #"""
                [[notify]]
                name = "phone"
                kind = "ntfy"
                url = "https://ntfy.example/feedd"

                [[notify]]
                name = "hook"
                kind = "webhook"
                url = "http://127.0.0.1:9000/x"
                secret_file = "hook.secret"
                events = ["rule", "digest"]

                [[notify]]
                name = "script"
                kind = "exec"
                command = ["/usr/local/bin/alert", "--quiet"]

                [[rule]]
                name = "sponsored"
                title = '(?i)\b(sponsored|advertorial)\b'
                action = "drop"

                [[rule]]
                name = "outages"
                content = '(?i)outage'
                feeds = [12, "https://status.example/feed"]
                tags = ["ops"]
                older_than = "30d"
                action = ["read", "tag:later", "highlight", "star", "notify:phone"]
                """#)
        #expect(configuration.sinks.map(\.name) == ["phone", "hook", "script"])
        #expect(configuration.sinks[0].kind == .ntfy(url: URL(string: "https://ntfy.example/feedd")!))
        #expect(configuration.sinks[1].secretFile == "/etc/feedd/hook.secret")
        #expect(configuration.sinks[1].events == [.rule, .digest])
        #expect(configuration.sinks[2].kind == .exec(command: ["/usr/local/bin/alert", "--quiet"]))
        #expect(configuration.sinks[2].events == NotifySettings.Event.allCases)
        let rules = configuration.rules.rules
        #expect(rules.map(\.name) == ["sponsored", "outages"])
        #expect(rules[0].actions == [.drop])
        #expect(rules[0].title?.source == #"(?i)\b(sponsored|advertorial)\b"#)
        #expect(rules[1].actions == [.read, .tag("later"), .highlight, .star, .notify("phone")])
        #expect(rules[1].scope.feedIDs == [12])
        #expect(rules[1].scope.tags == ["ops"])
        #expect(rules[1].olderThan == .seconds(30 * 86_400))
    }

    static let errors: [(String, String)] = [
        (
            "[[rule]]\nname = \"bad\"\ntitle = '(unclosed'\naction = \"drop\"\n",
            "feedd.toml:3: rule.title: invalid regular expression \"(unclosed\": missing closing parenthesis at character 10"
        ),
        (
            "[[rule]]\nname = \"x\"\ncontent = 'a{2,1}'\naction = \"read\"\n",
            "feedd.toml:3: rule.content: invalid regular expression \"a{2,1}\": numbers out of order in {} quantifier at character 6"
        ),
        ("[[rule]]\ntitle = 'a'\naction = \"drop\"\n", "feedd.toml:1: rule.name: required key is missing"),
        ("[[rule]]\nname = \"x\"\ntitle = 'a'\n", "feedd.toml:1: rule.action: required key is missing"),
        (
            "[[rule]]\nname = \"x\"\naction = \"delete\"\n",
            "feedd.toml:3: rule.action: expected \"drop\", \"keep\", \"read\", \"star\", \"highlight\", \"tag:NAME\" or \"notify:SINK\", got \"delete\""
        ),
        (
            "[[rule]]\nname = \"x\"\naction = [\"drop\", \"star\"]\n",
            "feedd.toml:3: rule.action: \"drop\" cannot be combined with other actions: the article is not stored"
        ),
        (
            "[[rule]]\nname = \"x\"\naction = \"notify:phone\"\n",
            "feedd.toml:3: rule.action: \"notify:phone\" names no [[notify]] sink"
        ),
        (
            "[[notify]]\nname = \"d\"\nkind = \"ntfy\"\nurl = \"https://n.example/t\"\nevents = [\"digest\"]\n"
                + "[[rule]]\nname = \"x\"\naction = \"notify:d\"\n",
            "feedd.toml:8: rule.action: \"notify:d\": the sink's events do not include \"rule\""
        ),
        (
            "[[rule]]\nname = \"x\"\naction = \"read\"\n[[rule]]\nname = \"x\"\naction = \"star\"\n",
            "feedd.toml:5: rule.name: another [[rule]] is already named \"x\""
        ),
        (
            "[[rule]]\nname = \"x\"\naction = \"read\"\nfeeds = [0]\n",
            "feedd.toml:4: rule.feeds: expected an array of feed ids and feed URLs such as [12, \"https://example.org/feed\"], got an array holding 0"
        ),
        (
            "[[rule]]\nname = \"x\"\naction = \"read\"\nolder_than = \"soon\"\n",
            "feedd.toml:4: rule.older_than: expected a duration such as 90s, 30m, 1h or 1d, got \"soon\""
        ),
        ("[[rule]]\nname = \"x\"\naction = \"read\"\nsubject = \"a\"\n", "feedd.toml:4: rule.subject: unknown key"),
        (
            "[[notify]]\nname = \"p\"\nkind = \"pager\"\n",
            "feedd.toml:3: notify.kind: expected \"ntfy\", \"webhook\" or \"exec\", got \"pager\""
        ),
        (
            "[[notify]]\nname = \"p\"\nkind = \"webhook\"\nurl = \"ftp://x.example/\"\n",
            "feedd.toml:4: notify.url: expected an absolute http or https URL, got \"ftp://x.example/\""
        ),
        (
            "[[notify]]\nname = \"p\"\nkind = \"exec\"\ncommand = [\"notify-send\"]\n",
            "feedd.toml:4: notify.command: expected an array whose first string is an absolute path to a program"
        ),
        (
            "[[notify]]\nname = \"p\"\nkind = \"ntfy\"\nurl = \"https://n.example/t\"\nsecret_file = \"/s\"\n",
            "feedd.toml:5: notify.secret_file: only a webhook signs what it sends"
        ),
        (
            "[[notify]]\nname = \"p\"\nkind = \"ntfy\"\nurl = \"https://n.example/t\"\nevents = [\"fire\"]\n",
            "feedd.toml:5: notify.events: expected an array of \"rule\", \"feed_broken\", \"feed_recovered\" and \"digest\", got \"fire\""
        ),
        (
            "[[digest]]\nname = \"weekly\"\ndays = [\"monday\"]\n",
            "feedd.toml:3: digest.days: expected an array of \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\" and \"sun\", got \"monday\""
        ),
        (
            "[[digest]]\nname = \"a b\"\n",
            "feedd.toml:2: digest.name: expected letters, digits, \"-\" and \"_\" (it names files), got \"a b\""
        ),
        ("[[digest]]\ntime = \"07:00\"\n", "feedd.toml:1: digest.name: required key is missing"),
        ("[[digest]]\nname = \"mail\"\n", "feedd.toml:2: digest.name: \"mail\" is reserved; choose another name"),
        (
            "[[digest]]\nname = \"a\"\n[[digest]]\nname = \"a\"\n",
            "feedd.toml:4: digest.name: another [[digest]] is already named \"a\""
        ),
        // The single table keeps its keys of old: an edition's keys belong to [[digest]].
        ("[digest]\ndays = [\"mon\"]\n", "feedd.toml:2: digest.days: unknown key"),
    ]

    @Test(arguments: errors)
    func oneLineErrors(_ text: String, _ message: String) {
        do {
            _ = try FeedConfiguration.parse(testText: text)
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func editions() throws {
        let configuration = try FeedConfiguration.parse(
            testText:
                """
                [[digest]]
                name = "daily"
                time = "07:00"
                days = ["mon", "tue", "wed", "thu", "fri"]
                tags = ["news"]
                formats = ["html", "md"]

                [[digest]]
                name = "weekly"
                time = "08:30"
                days = ["sun"]
                feeds = [3, "https://blog.example/feed"]
                dir = "/srv/digests"
                atom = true
                [digest.mail]
                url = "smtp://mail.example"
                from = "feedd@example.org"
                to = ["a@example.org", "b@example.org"]
                """)
        let editions = configuration.digests
        #expect(editions.map(\.name) == ["daily", "weekly"])
        #expect(editions.allSatisfy { $0.namedFiles })
        #expect(editions[0].days == [2, 3, 4, 5, 6])
        #expect(editions[0].tags == ["news"])
        #expect(editions[0].directory == "/var/lib/feedd/digests")
        #expect(editions[0].mail == nil)
        #expect(editions[1].days == [1])
        #expect(editions[1].feedIDs == [3])
        #expect(editions[1].feedURLs == ["https://blog.example/feed"])
        #expect(editions[1].atom)
        #expect(editions[1].directory == "/srv/digests")
        #expect(editions[1].mail?.to == ["a@example.org", "b@example.org"])
        // The single [digest] table is the edition `daily`, with the file names of old.
        let single = try FeedConfiguration.parse(testText: "[digest]\ntime = \"06:00\"\n").digests
        #expect(single.count == 1 && single[0].name == "daily" && !single[0].namedFiles)
        #expect(try FeedConfiguration.parse(testText: "").digests.map(\.name) == ["daily"])
    }
}
