import FeedConfig
import Testing

@Suite struct DurationSyntaxTests {
    static let valid: [(String, Duration)] = [
        ("90s", .seconds(90)),
        ("30m", .seconds(1_800)),
        ("1h", .seconds(3_600)),
        ("1d", .seconds(86_400)),
        ("1w", .seconds(604_800)),
        ("1h30m", .seconds(5_400)),
        ("1h 30m", .seconds(5_400)),
        (" 2d ", .seconds(172_800)),
        ("1w2d3h4m5s", .seconds(788_645)),
        ("250ms", .milliseconds(250)),
        ("1s500ms", .milliseconds(1_500)),
        ("1500ms", .milliseconds(1_500)),
        ("0s", .zero),
        ("45", .seconds(45)),
        ("0", .zero),
    ]

    static let formatted: [(Duration, String)] = [
        (.zero, "0s"),
        (.seconds(90), "1m30s"),
        (.seconds(1_800), "30m"),
        (.seconds(5_400), "1h30m"),
        (.seconds(86_400), "1d"),
        (.seconds(129_600), "1d12h"),
        (.seconds(1_209_600), "2w"),
        (.milliseconds(1_500), "1s500ms"),
        (.milliseconds(250), "250ms"),
        (.seconds(-90), "-1m30s"),
    ]

    @Test(arguments: valid)
    func parsesValid(text: String, expected: Duration) {
        #expect(DurationSyntax.parse(text) == expected)
    }

    @Test(arguments: [
        "", " ", "soon", "1", "h", "1x", "1H", "-5s", "-5", "1.5h", "1h30", "30m1h", "1m30m", "1h 1h", "m30",
        "1 h", "99999999999999999999s", "9223372036854775807w", "1h,30m",
    ])
    func rejectsInvalid(text: String) {
        if text == "1" {
            // A bare integer is seconds, not an error; kept here to document the contrast with "1h30".
            #expect(DurationSyntax.parse(text) == .seconds(1))
        } else {
            #expect(DurationSyntax.parse(text) == nil)
        }
    }

    @Test(arguments: formatted)
    func formatsShortest(duration: Duration, expected: String) {
        #expect(DurationSyntax.format(duration) == expected)
    }

    @Test(arguments: ["1m30s", "1h30m", "1w2d3h4m5s6ms", "0s", "2w", "45s"])
    func formatRoundTrips(text: String) throws {
        let duration = try #require(DurationSyntax.parse(text))
        #expect(DurationSyntax.format(duration) == text)
    }
}
