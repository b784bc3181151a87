import Testing

@testable import FeedConfig

/// The line scanner that stands in for source positions TOMLKit does not expose.
@Suite struct TOMLLineIndexTests {
    private static let text = """
        # leading comment with [brackets] and key = value
        top = 1

        [fetch] # a comment
        interval = "1h" # trailing
        "quoted.key" = 2
        'literal key' = 3
        sub.dotted . key = 4
        multi = \"\"\"
        line one
        [not a table]
        x = 1
        \"\"\"
        after_multi = 5
        literal_multi = '''
        a = 'b'
        '''
        array = [
          "a", # comment ]
          "b]",
        ]
        after_array = { a = 1, b = [1, 2] }
        escaped = "quote \\" [still string"
        next = 6

        [[feed]]
        url = "a"

        [[feed]]
        url = "b"
        [feed.sub]
        x = 1
        [ "digest" . mail ]
        url = "c"
        """

    private static func line(_ components: [KeyPath.Component]) -> Int? {
        TOMLLineIndex(text: text).line(for: KeyPath(components: components))
    }

    static let cases: [([KeyPath.Component], Int?)] = [
        ([.key("top")], 2),
        ([.key("fetch")], 4),
        ([.key("fetch"), .key("interval")], 5),
        ([.key("fetch"), .key("quoted.key")], 6),
        ([.key("fetch"), .key("literal key")], 7),
        ([.key("fetch"), .key("sub"), .key("dotted"), .key("key")], 8),
        ([.key("fetch"), .key("sub")], 8),
        ([.key("fetch"), .key("multi")], 9),
        ([.key("fetch"), .key("x")], 4),
        ([.key("fetch"), .key("after_multi")], 14),
        ([.key("fetch"), .key("literal_multi")], 15),
        ([.key("fetch"), .key("a")], 4),
        ([.key("fetch"), .key("array")], 18),
        ([.key("fetch"), .key("after_array")], 22),
        ([.key("fetch"), .key("after_array"), .key("b")], 22),
        ([.key("fetch"), .key("escaped")], 23),
        ([.key("fetch"), .key("next")], 24),
        ([.key("feed"), .index(0)], 26),
        ([.key("feed"), .index(0), .key("url")], 27),
        ([.key("feed"), .index(1)], 29),
        ([.key("feed"), .index(1), .key("url")], 30),
        ([.key("feed"), .index(1), .key("title")], 29),
        ([.key("feed"), .index(1), .key("sub"), .key("x")], 32),
        ([.key("digest"), .key("mail")], 33),
        ([.key("digest"), .key("mail"), .key("url")], 34),
        ([.key("store"), .key("path")], nil),
    ]

    @Test(arguments: cases)
    func findsLines(components: [KeyPath.Component], expected: Int?) {
        #expect(Self.line(components) == expected)
    }

    @Test func textParsesAsTOML() throws {
        // The fixture must be valid TOML, or the scanner's assumptions would not hold.
        #expect(throws: ConfigError.self) {
            try FeedConfiguration.parse(text: Self.text, fileName: "t.toml", baseDirectory: "/", stateDirectory: "/")
        }
        do {
            _ = try FeedConfiguration.parse(
                text: Self.text, fileName: "t.toml", baseDirectory: "/", stateDirectory: "/")
        } catch {
            // Only the schema may complain, not the TOML parser.
            #expect(error.key != nil)
        }
    }

    @Test func crlfAndByteOrderMark() {
        let index = TOMLLineIndex(text: "\u{FEFF}a = 1\r\n\r\n[b]\r\nc = 2\r\n")
        #expect(index.line(for: KeyPath(components: [.key("a")])) == 1)
        #expect(index.line(for: KeyPath(components: [.key("b"), .key("c")])) == 4)
    }

    @Test func dottedKeysAreShownQuotedWhenNeeded() {
        #expect(KeyPath(components: [.key("fetch"), .key("interval")]).dotted == "fetch.interval")
        #expect(KeyPath(components: [.key("feed"), .index(3), .key("url")]).dotted == "feed.url")
        #expect(KeyPath(components: [.key("log"), .key("a.b")]).dotted == "log.\"a.b\"")
    }
}
