import Foundation
import TestSupport
import Testing

@testable import FeedFetching

/// End-to-end fetches against a loopback server started by each test; nothing leaves the machine.
@Suite struct FeedFetcherTests {
    let fetcher = FeedFetcher()

    /// A request that may reach the loopback server, with short timeouts so a failure cannot stall the suite.
    func localRequest(_ url: String, maxBodyBytes: Int = FetchRequest.defaultMaxBodyBytes) -> FetchRequest {
        FetchRequest(
            url: url,
            maxBodyBytes: maxBodyBytes,
            connectTimeout: .seconds(2),
            totalTimeout: .seconds(5),
            allowPrivateAddresses: true
        )
    }

    func expectFailure(
        _ request: FetchRequest,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> FetchError? {
        do {
            let response = try fetcher.fetchOnce(request)
            Issue.record("expected an error, got status \(response.status)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    @Test func okResponseWithBodyAndHeaders() throws {
        let body = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>"
        let server = try LoopbackHTTPServer(routes: [
            "/feed": LoopbackHTTPServer.Response(
                headers: [
                    ("Content-Type", "Application/RSS+XML; Charset=\"ISO-8859-1\""),
                    ("ETag", "W/\"abc\""),
                    ("Last-Modified", "Sat, 29 Nov 2025 10:00:00 GMT"),
                    ("Cache-Control", "public, max-age=900"),
                    ("Expires", "Sat, 29 Nov 2025 10:15:00 GMT"),
                ],
                body: Array(body.utf8)
            )
        ])
        defer { server.stop() }

        let response = try fetcher.fetchOnce(localRequest(server.url("/feed")))

        #expect(response.status == 200)
        #expect(response.body == Array(body.utf8))
        #expect(response.finalURL == server.url("/feed"))
        #expect(response.redirectCount == 0)
        #expect(!response.permanentRedirect)
        #expect(response.contentType == "application/rss+xml")
        #expect(response.charset == "iso-8859-1")
        #expect(response.etag == "W/\"abc\"")
        #expect(response.lastModified == "Sat, 29 Nov 2025 10:00:00 GMT")
        #expect(response.cacheMaxAge == 900)
        #expect(response.expires == Date(timeIntervalSince1970: 1_764_411_300))
        #expect(response.header("ETAG") == "W/\"abc\"")
        #expect(response.timings.total > 0)

        let received = try #require(server.receivedRequests.first)
        #expect(received.method == "GET")
        #expect(received.header("User-Agent") == FetchRequest.defaultUserAgent)
        #expect(received.header("Accept-Encoding")?.contains("gzip") == true)
        #expect(received.header("Accept")?.contains("application/rss+xml") == true)
        #expect(received.header("If-None-Match") == nil)
    }

    @Test func notModifiedAfterConditionalHeaders() throws {
        let server = try LoopbackHTTPServer(routes: [
            "/feed": LoopbackHTTPServer.Response(status: 304, headers: [("ETag", "\"v1\"")])
        ])
        defer { server.stop() }
        var request = localRequest(server.url("/feed"))
        request.etag = "\"v1\""
        request.lastModified = "Sat, 29 Nov 2025 10:00:00 GMT"

        let response = try fetcher.fetchOnce(request)

        #expect(response.status == 304)
        #expect(response.isNotModified)
        #expect(response.body.isEmpty)
        #expect(response.etag == "\"v1\"")
        #expect(try response.requireSuccess().status == 304)
        let received = try #require(server.receivedRequests.first)
        #expect(received.header("If-None-Match") == "\"v1\"")
        #expect(received.header("If-Modified-Since") == "Sat, 29 Nov 2025 10:00:00 GMT")
    }

    @Test func validatorThatWouldInjectAHeaderIsNotSent() throws {
        let server = try LoopbackHTTPServer(routes: ["/feed": .ok("x")])
        defer { server.stop() }
        var request = localRequest(server.url("/feed"))
        request.etag = "\"v1\"\r\nX-Injected: yes"

        _ = try fetcher.fetchOnce(request)

        let received = try #require(server.receivedRequests.first)
        #expect(received.header("If-None-Match") == nil)
        #expect(received.header("X-Injected") == nil)
    }

    @Test func errorStatusIsReturnedAndRequireSuccessNamesIt() throws {
        let server = try LoopbackHTTPServer(routes: [
            "/busy": LoopbackHTTPServer.Response(status: 503, headers: [("Retry-After", "120")])
        ])
        defer { server.stop() }
        let url = server.url("/busy")

        let before = Date()
        let response = try fetcher.fetchOnce(localRequest(url))
        let after = Date()

        #expect(response.status == 503)
        // Delta-seconds count from the moment the response was read, which lies between these two.
        let retryAfter = try #require(response.retryAfter)
        #expect(retryAfter >= before.addingTimeInterval(120) && retryAfter <= after.addingTimeInterval(120))
        #expect(throws: FetchError(url: url, kind: .httpStatus(503))) { try response.requireSuccess(url: url) }
        let missing = try fetcher.fetchOnce(localRequest(server.url("/missing")))
        do {
            _ = try missing.requireSuccess()
            Issue.record("404 passed requireSuccess")
        } catch {
            #expect(error.description == "\(server.url("/missing")): HTTP 404 Not Found")
        }
    }

    @Test func gzipBodyIsDecoded() throws {
        let body = Array(String(repeating: "<item>hello</item>", count: 500).utf8)
        let server = try LoopbackHTTPServer(routes: ["/feed": try .gzipped(body)])
        defer { server.stop() }

        let response = try fetcher.fetchOnce(localRequest(server.url("/feed")))

        #expect(response.body == body)
        #expect(response.header("content-encoding") == "gzip")
    }

    @Test func permanentRedirectChain() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        server.setRoute("/old", .redirect(301, to: "/older"))
        server.setRoute("/older", .redirect(308, to: server.url("/new")))
        server.setRoute("/new", .ok("feed", contentType: "application/atom+xml"))

        let response = try fetcher.fetchOnce(localRequest(server.url("/old")))

        #expect(response.status == 200)
        #expect(response.finalURL == server.url("/new"))
        #expect(response.redirectCount == 2)
        #expect(response.permanentRedirect)
        #expect(response.contentType == "application/atom+xml")
        #expect(response.header("location") == nil, "headers are the last response's only")
        #expect(server.receivedRequests.map(\.target) == ["/old", "/older", "/new"])
    }

    @Test func temporaryHopMakesTheChainNotPermanent() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        server.setRoute("/a", .redirect(301, to: "/b"))
        server.setRoute("/b", .redirect(302, to: "/c"))
        server.setRoute("/c", .ok("feed"))

        let response = try fetcher.fetchOnce(localRequest(server.url("/a")))

        #expect(response.finalURL == server.url("/c"))
        #expect(response.redirectCount == 2)
        #expect(!response.permanentRedirect)
    }

    @Test(arguments: [false, true])
    func redirectToFileIsRefused(allowFileURL: Bool) throws {
        let server = try LoopbackHTTPServer(routes: ["/feed": .redirect(302, to: "file:///etc/passwd")])
        defer { server.stop() }
        var request = localRequest(server.url("/feed"))
        request.allowFileURL = allowFileURL

        let error = try #require(expectFailure(request))

        #expect(error.kind == .forbiddenRedirect(location: "file:///etc/passwd"))
        #expect(error.description.hasPrefix(server.url("/feed") + ": "))
    }

    @Test func fiveRedirectsAreFollowedAndASixthIsNot() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        for hop in 0..<6 {
            server.setRoute("/r\(hop)", .redirect(302, to: "/r\(hop + 1)"))
        }
        server.setRoute("/r6", .ok("end"))

        let fiveHops = try fetcher.fetchOnce(localRequest(server.url("/r1")))
        #expect(fiveHops.finalURL == server.url("/r6"))
        #expect(fiveHops.redirectCount == 5)

        let error = try #require(expectFailure(localRequest(server.url("/r0"))))
        #expect(error.kind == .tooManyRedirects(limit: 5))
        #expect(error.description == "\(server.url("/r0")): more than 5 redirects")
    }

    @Test func bodyExactlyAtTheCapIsAccepted() throws {
        let body = [UInt8](repeating: UInt8(ascii: "a"), count: 4096)
        let server = try LoopbackHTTPServer(routes: ["/feed": LoopbackHTTPServer.Response(body: body)])
        defer { server.stop() }

        let response = try fetcher.fetchOnce(localRequest(server.url("/feed"), maxBodyBytes: 4096))

        #expect(response.body.count == 4096)
    }

    @Test(arguments: [4097, 100_000])
    func bodyOverTheCapIsRefused(size: Int) throws {
        // 4097 passes the early Content-Length check (which allows for encoding slack) and is caught while
        // writing; 100 000 is refused from its Content-Length before the body is read.
        let body = [UInt8](repeating: UInt8(ascii: "a"), count: size)
        let server = try LoopbackHTTPServer(routes: ["/feed": LoopbackHTTPServer.Response(body: body)])
        defer { server.stop() }

        let error = try #require(expectFailure(localRequest(server.url("/feed"), maxBodyBytes: 4096)))

        #expect(error.kind == .tooLarge(limit: 4096))
        #expect(error.description == "\(server.url("/feed")): response larger than 4 KiB")
    }

    @Test func endlessBodyIsCutAtTheCap() throws {
        let server = try LoopbackHTTPServer(routes: [
            "/feed": LoopbackHTTPServer.Response(delivery: .endless)
        ])
        defer { server.stop() }

        let error = try #require(expectFailure(localRequest(server.url("/feed"), maxBodyBytes: 256 * 1024)))

        #expect(error.kind == .tooLarge(limit: 256 * 1024))
    }

    @Test func gzipBombIsCutAtTheDecodedCap() throws {
        let inflated = [UInt8](repeating: 0, count: 8 * 1024 * 1024)
        let bomb = try LoopbackHTTPServer.Response.gzipped(inflated)
        #expect(bomb.body.count < 64 * 1024, "the compressed body is far below the cap")
        let server = try LoopbackHTTPServer(routes: ["/feed": bomb])
        defer { server.stop() }

        let error = try #require(expectFailure(localRequest(server.url("/feed"), maxBodyBytes: 1024 * 1024)))

        #expect(error.kind == .tooLarge(limit: 1024 * 1024))
        #expect(error.description == "\(server.url("/feed")): response larger than 1 MiB")
    }

    @Test func slowBodyTimesOut() throws {
        let body = [UInt8](repeating: UInt8(ascii: "a"), count: 100)
        let server = try LoopbackHTTPServer(routes: [
            "/feed": LoopbackHTTPServer.Response(
                body: body, delivery: .trickle(chunkSize: 1, interval: .milliseconds(50)))
        ])
        defer { server.stop() }
        var request = localRequest(server.url("/feed"))
        request.totalTimeout = .milliseconds(300)

        let error = try #require(expectFailure(request))

        #expect(error.kind == .deadline(.milliseconds(300)))
        #expect(error.description == server.url("/feed") + ": no complete response within the 300 ms deadline")
    }

    @Test(arguments: ["127.0.0.1", "127.0.0.2", "localhost", "[::ffff:127.0.0.1]"])
    func privateAddressIsRefusedByDefault(host: String) throws {
        let server = try LoopbackHTTPServer(routes: ["/feed": .ok("secret")])
        defer { server.stop() }
        let url = "http://\(host):\(server.port)/feed"

        let error = try #require(expectFailure(FetchRequest(url: url, connectTimeout: .seconds(2))))

        guard case .blockedAddress(let address) = error.kind else {
            Issue.record("expected blockedAddress, got \(error)")
            return
        }
        #expect(["127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1"].contains(address))
        #expect(error.description == "\(url): refused to connect to non-public address \(address)")
        #expect(server.receivedRequests.isEmpty)
    }

    @Test func privateAddressIsAllowedWhenAsked() throws {
        let server = try LoopbackHTTPServer(routes: ["/feed": .ok("fine")])
        defer { server.stop() }

        let response = try fetcher.fetchOnce(localRequest("http://localhost:\(server.port)/feed"))

        #expect(response.body == Array("fine".utf8))
    }

    @Test func fileURLIsReadWhenAllowed() throws {
        let contents = Array("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>".utf8)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("feedd-fetch-\(UUID().uuidString).xml")
        try Data(contents).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let url = "file://\(file.path)"

        let response = try fetcher.fetchOnce(FetchRequest(url: url, allowFileURL: true))
        #expect(response.status == 200)
        #expect(response.body == contents)
        #expect(response.headers.isEmpty)

        let refused = try #require(expectFailure(FetchRequest(url: url)))
        #expect(refused.kind == .unsupportedScheme("file"))
    }

    @Test func missingFileFailsNamingTheURL() throws {
        let url = "file:///nonexistent/feedd-\(UUID().uuidString).xml"
        let error = try #require(expectFailure(FetchRequest(url: url, allowFileURL: true)))
        #expect(error.description.hasPrefix(url + ": "))
    }

    @Test func unsupportedScheme() throws {
        let error = try #require(expectFailure(FetchRequest(url: "ftp://example.org/feed.xml")))
        #expect(error.kind == .unsupportedScheme("ftp"))
        #expect(error.description == "ftp://example.org/feed.xml: unsupported URL scheme 'ftp'")
    }

    @Test(arguments: ["", "not a url", "example.org/feed", "http://exa mple.org/", "http://example.org/\u{0}x"])
    func invalidURL(url: String) throws {
        let error = try #require(expectFailure(FetchRequest(url: url)))
        guard case .invalidURL = error.kind else {
            Issue.record("expected invalidURL, got \(error)")
            return
        }
    }

    @Test func connectionRefusedNamesTheURL() throws {
        let url = "http://127.0.0.1:\(try LoopbackHTTPServer.unusedPort())/feed"

        let error = try #require(expectFailure(localRequest(url)))

        guard case .connect = error.kind else {
            Issue.record("expected a connect error, got \(error)")
            return
        }
        #expect(error.description.hasPrefix(url + ": connection failed: "))
    }
}
