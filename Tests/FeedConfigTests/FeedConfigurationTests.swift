import Foundation
import Testing

@testable import FeedConfig

@Suite struct FeedConfigurationTests {
    private static func parse(_ text: String, baseDirectory: String = "/etc/feedd") throws -> FeedConfiguration {
        try FeedConfiguration.parse(
            text: text,
            fileName: "feedd.toml",
            baseDirectory: baseDirectory,
            stateDirectory: "/var/lib/feedd"
        )
    }

    private static func error(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return (error as? ConfigError)?.description
        }
    }

    @Test func emptyFileIsAllDefaults() throws {
        var expected = FeedConfiguration.defaults(stateDirectory: "/var/lib/feedd")
        expected.sourcePath = "feedd.toml"
        #expect(try Self.parse("") == expected)
        #expect(expected.store.path == "/var/lib/feedd/feedd.sqlite")
        #expect(expected.digests[0].directory == "/var/lib/feedd/digests")
        #expect(expected.fetch.maxBodyBytes == 15_728_640)
        #expect(expected.digests[0].formats == [.html, .markdown, .text])
        #expect(expected.digests[0].timeZoneIdentifier == nil)
    }

    /// Without `adaptive`, `min_interval` is only back-off's first delay, so a feed may be fetched more often.
    @Test func anIntervalShorterThanMinIntervalIsFineWithoutAdaptive() throws {
        let configuration = try Self.parse("[fetch]\ninterval = \"5m\"\n")
        #expect(configuration.fetch.interval == .seconds(300))
        #expect(configuration.fetch.minInterval == .seconds(900))
    }

    @Test func readsEveryKey() throws {
        let configuration = try Self.parse(
            """
            [store]
            path = "/data/feedd.db"
            keep_days = 30
            keep_per_feed = 50

            [fetch]
            interval = "2h"
            min_interval = 600
            max_interval = "1w"
            adaptive = true
            concurrency = 4
            per_host = 1
            timeout = "1m30s"
            low_speed_limit = "512B"
            low_speed_time = "1m"
            connect_timeout = "5s"
            max_body = 1048576
            user_agent = "test/1"
            allow_private_addresses = true

            [digest]
            dir = "/data/digests"
            time = "18:30"
            timezone = "Europe/Berlin"
            formats = ["md"]
            per_feed = 5
            images = true

            [digest.mail]
            url = "smtp://user@mail.example.org:587"
            from = "feedd <feedd@example.org>"
            to = "me@example.org"
            password_file = "smtp-password"
            enabled = false

            [log]
            level = "debug"
            """
        )
        #expect(
            configuration.store == StoreSettings(path: "/data/feedd.db", keepDays: 30, keepPerFeed: 50)
        )
        #expect(
            configuration.fetch
                == FetchSettings(
                    interval: .seconds(7_200),
                    minInterval: .seconds(600),
                    maxInterval: .seconds(604_800),
                    adaptive: true,
                    concurrency: 4,
                    perHost: 1,
                    timeout: .seconds(90),
                    lowSpeedLimit: 512,
                    lowSpeedTime: .seconds(60),
                    connectTimeout: .seconds(5),
                    maxBodyBytes: 1_048_576,
                    userAgent: "test/1",
                    allowPrivateAddresses: true
                )
        )
        let mail = MailSettings(
            url: try #require(URL(string: "smtp://user@mail.example.org:587")),
            from: "feedd <feedd@example.org>",
            to: ["me@example.org"],
            passwordFile: "/etc/feedd/smtp-password",
            enabled: false
        )
        #expect(
            configuration.digests[0]
                == DigestSettings(
                    directory: "/data/digests",
                    time: TimeOfDay(hour: 18, minute: 30),
                    timeZoneIdentifier: "Europe/Berlin",
                    formats: [.markdown],
                    perFeed: 5,
                    images: true,
                    mail: mail
                )
        )
        #expect(configuration.digests[0].timeZone.identifier == "Europe/Berlin")
        #expect(configuration.log.level == .debug)
    }

    @Test func mailIsEnabledByDefaultAndTakesSeveralRecipients() throws {
        let configuration = try Self.parse(
            """
            [digest.mail]
            url = "smtps://mail.example.org"
            from = "feedd@example.org"
            to = ["a@example.org", "b@example.org"]
            """
        )
        let mail = try #require(configuration.digests[0].mail)
        #expect(mail.enabled)
        #expect(mail.to == ["a@example.org", "b@example.org"])
        #expect(mail.passwordFile == nil)
    }

    @Test(arguments: [
        ("store]\npath = \"db/feedd.sqlite\"", "/etc/feedd/db/feedd.sqlite"),
        ("store]\npath = \"./feedd.sqlite\"", "/etc/feedd/./feedd.sqlite"),
        ("store]\npath = \"/abs/feedd.sqlite\"", "/abs/feedd.sqlite"),
    ])
    func relativeStorePathIsResolvedAgainstTheConfigDirectory(text: String, expected: String) throws {
        #expect(try Self.parse("[" + text).store.path == expected)
    }

    @Test func relativeDigestDirectoryIsResolvedAgainstTheConfigDirectory() throws {
        #expect(
            try Self.parse("[digest]\ndir = \"out\"", baseDirectory: "/home/u/cfg/").digests[0].directory
                == "/home/u/cfg/out")
        #expect(try Self.parse("[digest]\ndir = \"/srv/out\"").digests[0].directory == "/srv/out")
    }

    @Test func timeOfDayParsing() {
        #expect(TimeOfDay(parsing: "07:00") == TimeOfDay(hour: 7, minute: 0))
        #expect(TimeOfDay(parsing: "7:05") == TimeOfDay(hour: 7, minute: 5))
        #expect(TimeOfDay(parsing: "23:59") == TimeOfDay(hour: 23, minute: 59))
        for bad in ["24:00", "12:60", "12", "12:5", "12:005", "-1:00", "ab:cd", "12:00:00", ""] {
            #expect(TimeOfDay(parsing: bad) == nil, "\(bad)")
        }
        #expect(TimeOfDay(hour: 7, minute: 5).description == "07:05")
    }

    @Test func feedsAreReadInOrder() throws {
        let configuration = try Self.parse(
            """
            [[feed]]
            url = "https://example.org/feed.xml"

            [[feed]]
            url = "file:///srv/feeds/local.xml"
            title = "Local"
            interval = "30m"
            tags = ["local", "test", "local"]
            """
        )
        #expect(
            configuration.feeds == [
                FeedSubscriptionSettings(url: URL(string: "https://example.org/feed.xml")!),
                FeedSubscriptionSettings(
                    url: URL(string: "file:///srv/feeds/local.xml")!,
                    title: "Local",
                    interval: .seconds(1_800),
                    tags: ["local", "test"]
                ),
            ]
        )
    }

    @Test func feedsMayBeAnInlineArray() throws {
        let configuration = try Self.parse("feed = [{ url = \"http://a.example/\" }, { url = \"http://b.example/\" }]")
        #expect(configuration.feeds.map(\.url.absoluteString) == ["http://a.example/", "http://b.example/"])
    }

    static let feedErrors: [(String, String)] = [
        (
            "[[feed]]\nurl = \"https://a.example/f\"\n\n[[feed]]\ntitle = \"No URL\"\n",
            "feedd.toml:4: feed.url: required key is missing"
        ),
        (
            "[[feed]]\nurl = \"https://a.example/f\"\n\n[[feed]]\n# same feed\nurl = \"https://a.example/f\"\n",
            "feedd.toml:6: feed.url: duplicate feed \"https://a.example/f\" (first at line 2)"
        ),
        (
            "[[feed]]\nurl = \"https://A.Example/f\"\n[[feed]]\nurl = \"HTTPS://a.example/f\"\n",
            "feedd.toml:4: feed.url: duplicate feed \"HTTPS://a.example/f\" (first at line 2)"
        ),
        (
            // Another spelling of one feed's URL would be one subscription in the store.
            "[[feed]]\nurl = \"https://a.example/f?cat=3\"\n[[feed]]\nurl = \"http://a.example/f/?utm_source=x&cat=3\"\n",
            "feedd.toml:4: feed.url: duplicate feed \"http://a.example/f/?utm_source=x&cat=3\" (first at line 2)"
        ),
        (
            "[[feed]]\nurl = \"ftp://a.example/f\"\n",
            "feedd.toml:2: feed.url: expected an absolute http, https or file URL, got \"ftp://a.example/f\""
        ),
        (
            "[[feed]]\nurl = \"example.org/feed\"\n",
            "feedd.toml:2: feed.url: expected an absolute http, https or file URL, got \"example.org/feed\""
        ),
        (
            "[[feed]]\nurl = \"https:///feed\"\n",
            "feedd.toml:2: feed.url: expected an absolute http, https or file URL, got \"https:///feed\""
        ),
        ("[[feed]]\nurl = 5\n", "feedd.toml:2: feed.url: expected a string, got 5"),
        (
            "[[feed]]\nurl = \"https://a.example/f\"\ntitle = \"\"\n",
            "feedd.toml:3: feed.title: expected a non-empty string, got \"\""
        ),
        (
            "[[feed]]\nurl = \"https://a.example/f\"\ninterval = \"often\"\n",
            "feedd.toml:3: feed.interval: expected a duration such as 90s, 30m, 1h or 1d, got \"often\""
        ),
        (
            "[[feed]]\nurl = \"https://a.example/f\"\ntags = \"news\"\n",
            "feedd.toml:3: feed.tags: expected an array of strings, got \"news\""
        ),
        (
            "[[feed]]\nurl = \"https://a.example/f\"\ntags = [\"\"]\n",
            "feedd.toml:3: feed.tags: expected non-empty strings, got \"\""
        ),
        (
            "[[feed]]\nurl = \"https://a.example/f\"\n[feed.extra]\nx = 1\n",
            "feedd.toml:3: feed.extra: unknown key"
        ),
    ]

    @Test(arguments: feedErrors)
    func feedErrorsNameTheLine(text: String, expected: String) {
        #expect(Self.error(text) == expected)
    }
}
