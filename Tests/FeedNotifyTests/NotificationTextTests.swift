import Testing

@testable import FeedNotify

@Suite struct NotificationTextTests {
    @Test(arguments: [
        ("abc", 3, "abc"),
        ("abcd", 3, "abc"),
        ("aé", 2, "a"),
        ("aé", 3, "aé"),
        ("€uro", 2, ""),
        ("👍🏽ok", 4, "👍"),
        ("", 0, ""),
    ])
    func utf8PrefixCutsBetweenCharacters(text: String, maxBytes: Int, expected: String) {
        #expect(NotificationText.utf8Prefix(text, maxBytes: maxBytes) == expected)
    }

    @Test func headerValues() {
        #expect(NotificationText.headerValue("ASCII title") == "ASCII title")
        #expect(NotificationText.headerValue("é") == "=?UTF-8?B?w6k=?=")
        #expect(NotificationText.percentEncodingNonASCII("https://x.example/ü?a=1") == "https://x.example/%C3%BC?a=1")
    }
}
