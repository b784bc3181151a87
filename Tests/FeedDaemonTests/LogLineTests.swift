import FeedDaemon
import Logging
import Testing

/// How `StandardErrorLogHandler` writes an event: what the journal and a terminal show.
@Suite struct LogLineTests {
    @Test func metadataFollowsTheMessageSortedByKey() {
        let line = StandardErrorLogHandler.line(
            message: "feed stored",
            metadata: ["url": "https://example.org/feed.xml", "feed": "3", "inserted": "2"])
        #expect(line == "feed stored feed=3 inserted=2 url=https://example.org/feed.xml")
    }

    @Test func aMessageAloneIsPrintedAsItIs() {
        let line = StandardErrorLogHandler.line(message: "cycle: 2 feeds in 0.1 s", metadata: [:])
        #expect(line == "cycle: 2 feeds in 0.1 s")
    }

    @Test(arguments: [
        ("HTTP 404 Not Found", #""HTTP 404 Not Found""#),
        ("", #""""#),
        (#"said "no""#, #""said \"no\"""#),
        ("a=b", #""a=b""#),
        (#"C:\path"#, #""C:\\path""#),
        ("two\nlines\r\tand a bell \u{7}", #""two\nlines\r\tand a bell \u{7}""#),
        ("https://example.org/a?b=c", #""https://example.org/a?b=c""#),
        ("plain-value_1.5", "plain-value_1.5"),
        ("ünïcode", "ünïcode"),
    ])
    func valuesThatWouldBeMisreadAreQuoted(value: String, printed: String) {
        let line = StandardErrorLogHandler.line(message: "m", metadata: ["k": "\(value)"])
        #expect(line == "m k=\(printed)")
    }

    @Test func oneEventIsOneLine() {
        let line = StandardErrorLogHandler.line(
            message: "reload failed: feedd.toml:3\nexpected a value", metadata: ["error": "first\nsecond"])
        #expect(!line.contains("\n"))
        #expect(line == #"reload failed: feedd.toml:3 expected a value error="first\nsecond""#)
    }

    @Test func nestedMetadataBecomesDottedKeys() {
        let line = StandardErrorLogHandler.line(
            message: "request",
            metadata: ["request": ["method": "GET", "headers": ["accept": "*/*"]], "tags": ["a", "b c"]])
        #expect(line == #"request request.headers.accept=*/* request.method=GET tags="[\"a\", \"b c\"]""#)
    }
}
