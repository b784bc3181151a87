import FeedConfig
import Testing

/// Every key's bad value, wrong type and unknown keys: one line naming the file, the line and the dotted key.
@Suite struct ConfigErrorTests {
    private static func parse(_ text: String) throws(ConfigError) -> FeedConfiguration {
        try FeedConfiguration.parse(
            text: text,
            fileName: "feedd.toml",
            baseDirectory: "/etc/feedd",
            stateDirectory: "/var/lib/feedd"
        )
    }

    private static let durationExpected = "expected a duration such as 90s, 30m, 1h or 1d"
    private static let sizeExpected = "expected a size such as 512KiB, 15MiB or 1GiB"

    static let cases: [(String, String)] = [
        // Unknown keys and tables, at every level.
        ("[fetch]\nconcurency = 4\n", "feedd.toml:2: fetch.concurency: unknown key"),
        ("[fetchh]\ninterval = \"1h\"\n", "feedd.toml:1: fetchh: unknown key"),
        ("verbose = true\n", "feedd.toml:1: verbose: unknown key"),
        ("[store]\nkeep_days = 3\n\n[store.extra]\nx = 1\n", "feedd.toml:4: store.extra: unknown key"),
        ("[store]\nkeep_days = 3\nb = 1\na = 2\n", "feedd.toml:3: store.b: unknown key"),
        ("[log]\n\"lev el\" = \"info\"\n", "feedd.toml:2: log.\"lev el\": unknown key"),
        ("[digest]\nmail.url = \"smtp://h\"\nmail.form = \"a@b\"\n", "feedd.toml:3: digest.mail.form: unknown key"),
        (
            "[[feed]]\nurl = \"https://a.example/\"\n\n[[feed]]\nurl = \"https://b.example/\"\ntitel = \"B\"\n",
            "feedd.toml:6: feed.titel: unknown key"
        ),
        ("fetch.intervall = \"1h\"\n", "feedd.toml:1: fetch.intervall: unknown key"),
        ("fetch = { intervall = \"1h\" }\n", "feedd.toml:1: fetch.intervall: unknown key"),
        // Wrong types and bad values, [store].
        ("[store]\npath = 5\n", "feedd.toml:2: store.path: expected a non-empty string, got 5"),
        ("[store]\npath = \"\"\n", "feedd.toml:2: store.path: expected a non-empty string, got \"\""),
        ("[store]\nkeep_days = 0\n", "feedd.toml:2: store.keep_days: expected an integer of at least 1, got 0"),
        (
            "[store]\nkeep_days = \"90\"\n",
            "feedd.toml:2: store.keep_days: expected an integer of at least 1, got \"90\""
        ),
        (
            "[store]\nkeep_per_feed = 1.5\n",
            "feedd.toml:2: store.keep_per_feed: expected an integer of at least 1, got 1.5"
        ),
        // [fetch].
        ("\n\n\n[fetch]\ninterval = \"soon\"\n", "feedd.toml:5: fetch.interval: \(durationExpected), got \"soon\""),
        ("[fetch]\ninterval = true\n", "feedd.toml:2: fetch.interval: \(durationExpected), got true"),
        ("[fetch]\ninterval = 0\n", "feedd.toml:2: fetch.interval: \(durationExpected), got 0"),
        ("[fetch]\ninterval = \"0s\"\n", "feedd.toml:2: fetch.interval: \(durationExpected), got \"0s\""),
        ("[fetch]\nmin_interval = \"1x\"\n", "feedd.toml:2: fetch.min_interval: \(durationExpected), got \"1x\""),
        ("[fetch]\nmax_interval = []\n", "feedd.toml:2: fetch.max_interval: \(durationExpected), got an array"),
        ("[fetch]\ntimeout = -1\n", "feedd.toml:2: fetch.timeout: \(durationExpected), got -1"),
        ("[fetch]\nlow_speed_limit = 0\n", "feedd.toml:2: fetch.low_speed_limit: \(sizeExpected), got 0"),
        (
            "[fetch]\nlow_speed_limit = \"fast\"\n",
            "feedd.toml:2: fetch.low_speed_limit: \(sizeExpected), got \"fast\""
        ),
        ("[fetch]\nlow_speed_time = 0\n", "feedd.toml:2: fetch.low_speed_time: \(durationExpected), got 0"),
        (
            "\n[fetch]\nlow_speed_time = \"1500ms\"\n",
            "feedd.toml:3: fetch.low_speed_time: expected a whole number of seconds such as 10s, got 1s500ms"
        ),
        ("[fetch]\nconnect_timeout = \"10\"\nx = 1\n", "feedd.toml:3: fetch.x: unknown key"),
        (
            "[fetch]\nconnect_timeout = \"ten\"\n",
            "feedd.toml:2: fetch.connect_timeout: \(durationExpected), got \"ten\""
        ),
        ("[fetch]\nconcurrency = 0\n", "feedd.toml:2: fetch.concurrency: expected an integer from 1 to 1000, got 0"),
        (
            "[fetch]\nconcurrency = 1001\n",
            "feedd.toml:2: fetch.concurrency: expected an integer from 1 to 1000, got 1001"
        ),
        ("[fetch]\nper_host = 0\n", "feedd.toml:2: fetch.per_host: expected an integer of at least 1, got 0"),
        ("[fetch]\nmax_body = \"15 megs\"\n", "feedd.toml:2: fetch.max_body: \(sizeExpected), got \"15 megs\""),
        ("[fetch]\nmax_body = 0\n", "feedd.toml:2: fetch.max_body: \(sizeExpected), got 0"),
        ("[fetch]\nmax_body = false\n", "feedd.toml:2: fetch.max_body: \(sizeExpected), got false"),
        ("[fetch]\nuser_agent = 1\n", "feedd.toml:2: fetch.user_agent: expected a non-empty string, got 1"),
        ("[fetch]\nuser_agent = \"a\\nb\"\n", "feedd.toml:2: fetch.user_agent: must not contain line breaks"),
        ("\n[fetch]\nadaptive = \"yes\"\n", "feedd.toml:3: fetch.adaptive: expected true or false, got \"yes\""),
        ("[fetch]\nadaptive = 1\n", "feedd.toml:2: fetch.adaptive: expected true or false, got 1"),
        ("[fetch]\nadaptve = true\n", "feedd.toml:2: fetch.adaptve: unknown key"),
        (
            "[fetch]\nallow_private_addresses = \"yes\"\n",
            "feedd.toml:2: fetch.allow_private_addresses: expected true or false, got \"yes\""
        ),
        (
            "[fetch]\nadaptive = true\ninterval = \"10m\"\n",
            "feedd.toml:3: fetch.interval: must be at least fetch.min_interval (15m), got 10m"
        ),
        (
            "[fetch]\nadaptive = true\nmin_interval = \"2h\"\n",
            "feedd.toml:3: fetch.min_interval: must be at most fetch.interval (1h), got 2h"
        ),
        (
            "[fetch]\ninterval = \"2d\"\n",
            "feedd.toml:2: fetch.interval: must be at most fetch.max_interval (1d), got 2d"
        ),
        (
            "[fetch]\nmax_interval = \"30m\"\n",
            "feedd.toml:2: fetch.max_interval: must be at least fetch.interval (1h), got 30m"
        ),
        // [digest].
        ("[digest]\ndir = false\n", "feedd.toml:2: digest.dir: expected a non-empty string, got false"),
        (
            "[digest]\ntime = \"7am\"\n",
            "feedd.toml:2: digest.time: expected a time of day as HH:MM (24-hour) such as \"07:00\", got \"7am\""
        ),
        (
            "[digest]\ntime = \"24:00\"\n",
            "feedd.toml:2: digest.time: expected a time of day as HH:MM (24-hour) such as \"07:00\", got \"24:00\""
        ),
        ("[digest]\ntime = 7\n", "feedd.toml:2: digest.time: expected a string, got 7"),
        (
            "[digest]\ntimezone = \"Mars/Olympus\"\n",
            "feedd.toml:2: digest.timezone: expected an IANA time zone such as \"Europe/Berlin\" or \"UTC\", "
                + "got \"Mars/Olympus\""
        ),
        (
            "[digest]\nformats = [\"html\", \"pdf\"]\n",
            "feedd.toml:2: digest.formats: expected an array of \"html\", \"md\" and \"text\", got \"pdf\""
        ),
        (
            "[digest]\nformats = []\n",
            "feedd.toml:2: digest.formats: expected an array of \"html\", \"md\" and \"text\" "
                + "with at least one of them, got an empty array"
        ),
        ("[digest]\nformats = [\"md\", \"md\"]\n", "feedd.toml:2: digest.formats: \"md\" is listed twice"),
        ("[digest]\nformats = \"md\"\n", "feedd.toml:2: digest.formats: expected an array of strings, got \"md\""),
        (
            "[digest]\nformats = [\n  \"md\",\n  1,\n]\n",
            "feedd.toml:2: digest.formats: expected an array of strings, got an array holding 1"
        ),
        ("[digest]\nper_feed = 0\n", "feedd.toml:2: digest.per_feed: expected an integer of at least 1, got 0"),
        ("[digest]\nimages = 1\n", "feedd.toml:2: digest.images: expected true or false, got 1"),
        ("[digest]\nmail = 1\n", "feedd.toml:2: digest.mail: expected a table, got 1"),
        // [digest.mail].
        (
            "[digest.mail]\nfrom = \"a@example.org\"\nto = \"b@example.org\"\n",
            "feedd.toml:1: digest.mail.url: required key is missing"
        ),
        (
            "[digest.mail]\nurl = \"http://mail.example.org\"\nfrom = \"a@example.org\"\nto = \"b@example.org\"\n",
            "feedd.toml:2: digest.mail.url: expected an smtp:// or smtps:// URL with a host, "
                + "got \"http://mail.example.org\""
        ),
        (
            "[digest.mail]\nurl = \"smtp://h\"\nto = \"b@example.org\"\n",
            "feedd.toml:1: digest.mail.from: required key is missing"
        ),
        (
            "[digest.mail]\nurl = \"smtp://h\"\nfrom = \"a@example.org\"\n",
            "feedd.toml:1: digest.mail.to: required key is missing"
        ),
        (
            "[digest.mail]\nurl = \"smtp://h\"\nfrom = \"nobody\"\nto = \"b@example.org\"\n",
            "feedd.toml:3: digest.mail.from: expected a mail address such as \"feedd@example.org\", got \"nobody\""
        ),
        (
            "[digest.mail]\nurl = \"smtp://h\"\nfrom = \"a@example.org\"\nto = []\n",
            "feedd.toml:4: digest.mail.to: expected a string or an array of strings, got an empty array"
        ),
        (
            "[digest.mail]\nurl = \"smtp://h\"\nfrom = \"a@example.org\"\nto = [\"b@example.org\", 2]\n",
            "feedd.toml:4: digest.mail.to: expected a string or an array of strings, got an array holding 2"
        ),
        (
            "[digest.mail]\nurl = \"smtp://h\"\nfrom = \"a@example.org\"\nto = \"b@example.org\"\nenabled = \"no\"\n",
            "feedd.toml:5: digest.mail.enabled: expected true or false, got \"no\""
        ),
        (
            "[digest.mail]\nurl = \"smtp://h\"\nfrom = \"a@example.org\"\nto = \"b@example.org\"\npassword_file = 0\n",
            "feedd.toml:5: digest.mail.password_file: expected a non-empty string, got 0"
        ),
        // [log].
        (
            "[log]\nlevel = \"verbose\"\n",
            "feedd.toml:2: log.level: expected one of trace, debug, info, notice, warning, error, critical, "
                + "got \"verbose\""
        ),
        // Whole tables of the wrong type.
        ("store = 1\n", "feedd.toml:1: store: expected a table, got 1"),
        ("feed = 1\n", "feedd.toml:1: feed: expected [[feed]] tables, got 1"),
        ("feed = [1]\n", "feedd.toml:1: feed: expected [[feed]] tables, got an array holding 1"),
        ("[log]\nlevel = \"info\"\n\u{0}x = 1\n", "feedd.toml:3: contains a NUL byte"),
        // TOML syntax errors carry TOMLKit's message and line.
        ("[fetch]\ninterval = \n", "feedd.toml:2: Error while parsing key-value pair: expected value, saw '\\n'"),
        (
            "[fetch]\ninterval = \"1h\"\ninterval = \"2h\"\n",
            "feedd.toml:3: Error while parsing key-value pair: cannot redefine existing string 'interval'"
        ),
        // Headers toml++ would abort on (an assertion, live in release builds too); found by make fuzz.
        (
            "[log]\nlevel = \"info\"\n[\u{E9}]\n",
            "feedd.toml:3: a table header must begin with a key name or a quoted key, saw '\u{E9}'"
        ),
        ("#\n[\u{FFFD}", "feedd.toml:2: a table header must begin with a key name or a quoted key, saw '\u{FFFD}'"),
        ("[[ !feed]]\n", "feedd.toml:1: a table header must begin with a key name or a quoted key, saw '!'"),
        ("[[[feed]]]\n", "feedd.toml:1: a table header must begin with a key name or a quoted key, saw '['"),
        ("  [\nx = 1\n", "feedd.toml:1: a table header must begin with a key name or a quoted key, saw end of line"),
    ]

    @Test(arguments: cases)
    func reportsOneLine(text: String, expected: String) {
        #expect(throws: ConfigError.self) { try Self.parse(text) }
        do {
            _ = try Self.parse(text)
        } catch {
            #expect(error.description == expected)
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func errorFieldsAreSeparate() {
        do {
            _ = try Self.parse("[fetch]\n\n# comment\ninterval = \"soon\"\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "feedd.toml")
            #expect(error.line == 4)
            #expect(error.key == "fetch.interval")
            #expect(error.message == "\(Self.durationExpected), got \"soon\"")
        }
    }

    @Test func longStringsAreShortenedAndEscaped() {
        let value = String(repeating: "x", count: 100)
        do {
            _ = try Self.parse("[log]\nlevel = \"\(value)\\n\"\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasSuffix("got \"\(String(repeating: "x", count: 57))...\""))
        }
        do {
            _ = try Self.parse("[log]\nlevel = \"a\\nb\\\"c\"\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasSuffix("got \"a\\nb\\\"c\""))
        }
    }
}
