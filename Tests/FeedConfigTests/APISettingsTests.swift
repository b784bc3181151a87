import FeedConfig
import Testing

/// The `[api]` table: off when absent, loopback by default, every other address written out.
@Suite struct APISettingsTests {
    @Test func absentTableMeansNoListener() throws {
        #expect(try FeedConfiguration.parse(testText: "").api == nil)
    }

    @Test func emptyTableListensOnLoopback() throws {
        #expect(try FeedConfiguration.parse(testText: "[api]\n").api == APISettings(host: "127.0.0.1", port: 8070))
    }

    @Test(arguments: [
        ("127.0.0.1:8070", "127.0.0.1", 8070),
        ("0.0.0.0:80", "0.0.0.0", 80),
        ("[::1]:9000", "::1", 9000),
        ("[::]:8070", "::", 8070),
        ("localhost:8080", "127.0.0.1", 8080),
        ("192.168.1.20:65535", "192.168.1.20", 65535),
    ])
    func readsListenAddresses(listen: String, host: String, port: Int) throws {
        let api = try #require(try FeedConfiguration.parse(testText: "[api]\nlisten = \"\(listen)\"\n").api)
        #expect(api.host == host)
        #expect(api.port == port)
    }

    @Test(arguments: [
        "8070", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:http", "example.org:8070", "::1:8070",
        "[::1]8070", "[zz::1]:80", "127.0.0.1:80:80", ":8070",
    ])
    func refusesOtherListenValues(listen: String) {
        #expect {
            try FeedConfiguration.parse(testText: "[api]\nlisten = \"\(listen)\"\n")
        } throws: { error in
            "\(error)".hasPrefix("feedd.toml:2: api.listen: expected HOST:PORT")
        }
    }

    @Test(arguments: [
        ("https://feeds.example.org", "https://feeds.example.org"),
        ("https://example.org/feedd/", "https://example.org/feedd"),
        ("http://10.0.0.2:8070", "http://10.0.0.2:8070"),
    ])
    func keepsBaseURLWithoutTrailingSlash(text: String, expected: String) throws {
        let api = try #require(try FeedConfiguration.parse(testText: "[api]\nbase_url = \"\(text)\"\n").api)
        #expect(api.baseURL == expected)
    }

    @Test(arguments: ["feeds.example.org", "ftp://example.org", "https://example.org/?a=1", "https://u:p@example.org"])
    func refusesOtherBaseURLs(text: String) {
        #expect {
            try FeedConfiguration.parse(testText: "[api]\nbase_url = \"\(text)\"\n")
        } throws: { error in
            "\(error)".hasPrefix("feedd.toml:2: api.base_url: expected an http or https URL")
        }
    }

    @Test func refusesUnknownKeys() {
        #expect {
            try FeedConfiguration.parse(testText: "[api]\nport = 8070\n")
        } throws: { error in
            "\(error)" == "feedd.toml:2: api.port: unknown key"
        }
    }
}
