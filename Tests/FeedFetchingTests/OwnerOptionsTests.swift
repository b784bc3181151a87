import Foundation
import TestSupport
import Testing

@testable import FeedFetching

/// The options an owner sets for one feed: Basic credentials, added headers, a cookie file and a proxy, each sent
/// where it belongs and nowhere else.
@Suite struct OwnerOptionsTests {
    /// A request to a loopback server: private addresses allowed, short limits.
    func request(_ url: String) -> FetchRequest {
        FetchRequest(url: url, connectTimeout: .seconds(2), totalTimeout: .seconds(5), allowPrivateAddresses: true)
    }

    @Test func basicCredentialsAndHeadersReachTheOrigin() throws {
        let server = try LoopbackHTTPServer(routes: ["/feed": .ok("fine")])
        defer { server.stop() }
        var request = request(server.url("/feed"))
        request.username = "me"
        request.password = "s3cret:pass"
        request.headers = [.init(name: "X-Api-Key", value: "k-123"), .init(name: "Accept-Language", value: "de")]
        request.userAgent = "Reader/2"

        let response = try FeedFetcher().fetchOnce(request)

        #expect(response.status == 200)
        let received = try #require(server.receivedRequests.first)
        let expected = "Basic " + Data("me:s3cret:pass".utf8).base64EncodedString()
        #expect(received.header("Authorization") == expected)
        #expect(received.header("X-Api-Key") == "k-123")
        #expect(received.header("Accept-Language") == "de")
        #expect(received.header("User-Agent") == "Reader/2")
    }

    @Test func aRedirectWithinTheOriginKeepsThem() throws {
        let server = try LoopbackHTTPServer(routes: ["/old": .redirect(301, to: "/feed"), "/feed": .ok("fine")])
        defer { server.stop() }
        var request = request(server.url("/old"))
        request.username = "me"
        request.password = "pw"
        request.headers = [.init(name: "X-Api-Key", value: "k-123")]

        let response = try FeedFetcher().fetchOnce(request)

        #expect(response.finalURL == server.url("/feed"))
        #expect(response.permanentRedirect)
        #expect(server.receivedRequests.map { $0.header("X-Api-Key") } == ["k-123", "k-123"])
        #expect(server.receivedRequests.allSatisfy { $0.header("Authorization") != nil })
    }

    /// The origin's secrets stay behind on a redirect to another port or host, on both fetch paths; the chain goes
    /// on, and its hops are counted as one chain.
    @Test(arguments: [301, 302, 307])
    func aRedirectToAnotherOriginDropsCredentialsAndHeaders(status: Int) async throws {
        let other = try LoopbackHTTPServer(routes: ["/moved": .redirect(301, to: "/feed"), "/feed": .ok("there")])
        defer { other.stop() }
        let server = try LoopbackHTTPServer(routes: ["/feed": .redirect(status, to: other.url("/moved"))])
        defer { server.stop() }
        var request = request(server.url("/feed"))
        request.username = "me"
        request.password = "pw"
        request.headers = [.init(name: "X-Api-Key", value: "k-123"), .init(name: "Authorization", value: "Bearer t")]

        let once = try FeedFetcher().fetchOnce(request)
        let multi = try await MultiFetcher().fetch(request).get()

        for response in [once, multi] {
            #expect(response.body == Array("there".utf8))
            #expect(response.finalURL == other.url("/feed"))
            #expect(response.redirectCount == 2)
            // Never a move: the feed's secrets would go to the other origin from then on.
            #expect(!response.permanentRedirect)
        }
        #expect(server.receivedRequests.count == 2)
        #expect(server.receivedRequests.allSatisfy { $0.header("X-Api-Key") == "k-123" })
        #expect(other.receivedRequests.count == 4)
        for received in other.receivedRequests {
            #expect(received.header("X-Api-Key") == nil)
            #expect(received.header("Authorization") == nil)
        }
    }

    @Test func redirectsAcrossOriginsStillCountAgainstTheLimit() throws {
        let other = try LoopbackHTTPServer(routes: ["/a": .redirect(302, to: "/b"), "/b": .redirect(302, to: "/c")])
        defer { other.stop() }
        let server = try LoopbackHTTPServer(routes: ["/feed": .redirect(302, to: other.url("/a"))])
        defer { server.stop() }
        var request = request(server.url("/feed"))
        request.headers = [.init(name: "X-Api-Key", value: "k")]
        request.maxRedirects = 2

        #expect(throws: FetchError(url: server.url("/feed"), kind: .tooManyRedirects(limit: 2))) {
            try FeedFetcher().fetchOnce(request)
        }
    }

    @Test func theCookieFileGoesOnlyToItsDomainAndIsNeverWritten() throws {
        let other = try LoopbackHTTPServer(routes: ["/feed": .ok("there")])
        defer { other.stop() }
        let server = try LoopbackHTTPServer(routes: [
            "/feed": LoopbackHTTPServer.Response(
                status: 302,
                headers: [("Location", "http://localhost:\(other.port)/feed"), ("Set-Cookie", "new=1; Path=/")])
        ])
        defer { server.stop() }
        let directory = try TestDirectory(prefix: "cookies")
        defer { directory.remove() }
        let jar = "# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\tabc123\n"
        let path = try directory.write("cookies.txt", jar)
        var request = request(server.url("/feed"))
        request.cookieFile = path

        let response = try FeedFetcher().fetchOnce(request)

        #expect(response.body == Array("there".utf8))
        #expect(server.receivedRequests.first?.header("Cookie") == "session=abc123")
        #expect(other.receivedRequests.first?.header("Cookie") == nil)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == jar)
    }

    @Test func theFeedsProxyCarriesTheRequest() throws {
        let proxy = try LoopbackHTTPServer(routes: ["http://feeds.example.test/feed": .ok("proxied")])
        defer { proxy.stop() }
        var request = request("http://feeds.example.test/feed")
        request.proxy = proxy.url("")

        let response = try FeedFetcher(logger: .init(label: "test")).fetchOnce(request)

        #expect(response.body == Array("proxied".utf8))
        #expect(proxy.receivedRequests.first?.target == "http://feeds.example.test/feed")
    }

    /// Through the feed's own proxy the guard checks the target by name, as with the environment's proxy.
    @Test func theFeedsProxyDoesNotOpenPrivateAddresses() throws {
        let proxy = try LoopbackHTTPServer(routes: [:])
        defer { proxy.stop() }
        var request = FetchRequest(url: "http://127.0.0.1:9/feed", connectTimeout: .seconds(2))
        request.proxy = "socks5h://127.0.0.1:\(proxy.port)"

        #expect(throws: FetchError(url: "http://127.0.0.1:9/feed", kind: .blockedAddress("127.0.0.1"))) {
            try FeedFetcher().fetchOnce(request)
        }
        #expect(proxy.receivedRequests.isEmpty)
    }

    @Test(arguments: [
        ("X-Api-Key", "abc", true), ("X Key", "abc", false), ("", "abc", false), ("X-Key", "a\r\nHost: evil", false),
        ("X-Key", "a\u{0}b", false), ("Accept-Language", "de, en;q=0.5", true),
    ])
    func headerLinesCannotSmuggleAnotherHeader(name: String, value: String, safe: Bool) {
        #expect(FetchRequest.isSafeHeader(name: name, value: value) == safe)
    }
}
