import Testing

@testable import FeedFetching

@Suite struct FetchErrorTests {
    @Test(arguments: [
        (FetchError.Kind.httpStatus(404), "http://x/feed: HTTP 404 Not Found"),
        (.httpStatus(599), "http://x/feed: HTTP 599"),
        (.tooLarge(limit: 15 * 1024 * 1024), "http://x/feed: response larger than 15 MiB"),
        (.tooLarge(limit: 1000), "http://x/feed: response larger than 1000 bytes"),
        (.tooManyRedirects(limit: 5), "http://x/feed: more than 5 redirects"),
        (.blockedAddress("10.0.0.1"), "http://x/feed: refused to connect to non-public address 10.0.0.1"),
        (.unsupportedScheme("gopher"), "http://x/feed: unsupported URL scheme 'gopher'"),
        (.dns(message: "Could not resolve host: x"), "http://x/feed: DNS lookup failed: Could not resolve host: x"),
        (.deadline(.seconds(30)), "http://x/feed: no complete response within the 30 s deadline"),
        (.deadline(.milliseconds(300)), "http://x/feed: no complete response within the 300 ms deadline"),
        (.tooSlow(bytesPerSecond: 1024, duration: .seconds(10)), "http://x/feed: slower than 1 KiB/s for 10 s"),
        (.connectTimeout(.seconds(10)), "http://x/feed: no connection within the 10 s connect timeout"),
        (
            .blockedRedirect(location: "http://169.254.169.254/", address: "169.254.169.254"),
            "http://x/feed: redirect to http://169.254.169.254/ refused: non-public address 169.254.169.254"
        ),
    ])
    func description(kind: FetchError.Kind, expected: String) {
        #expect(FetchError(url: "http://x/feed", kind: kind).description == expected)
    }

    @Test func defaultsMatchTheDocumentedLimits() {
        let request = FetchRequest(url: "https://example.org/feed")
        #expect(request.maxBodyBytes == 15 * 1024 * 1024)
        #expect(request.connectTimeout == .seconds(10))
        #expect(request.totalTimeout == .seconds(30))
        #expect(request.lowSpeedLimit == 1024)
        #expect(request.lowSpeedTime == .seconds(10))
        #expect(request.maxRedirects == 5)
        #expect(!request.allowFileURL)
        #expect(!request.allowPrivateAddresses)
        #expect(!request.allowPrivateRequestHost)
        #expect(request.userAgent == "feedd/0.1 (+https://github.com/feedd/feedd)")
    }
}
