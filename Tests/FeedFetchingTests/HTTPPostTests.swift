import TestSupport
import Testing

@testable import FeedFetching

@Suite struct HTTPPostTests {
    @Test func postsBodyAndHeadersAndReturnsTheResponse() throws {
        let server = try LoopbackHTTPServer(routes: [
            "/in": LoopbackHTTPServer.Response(status: 202, body: Array("accepted".utf8))
        ])
        defer { server.stop() }
        let body = Array("{\"a\":1}".utf8)

        let response = try HTTPPost(
            url: server.url("/in"), headers: ["X-Test: yes", "Content-Type: application/json"], body: body,
            userAgent: "feedd-test/1"
        ).perform()

        #expect(response == HTTPPostResponse(status: 202, body: Array("accepted".utf8)))
        #expect(response.isSuccess)
        let request = try #require(server.receivedRequests.first)
        #expect(request.method == "POST")
        #expect(request.body == body)
        #expect(request.header("X-Test") == "yes")
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("User-Agent") == "feedd-test/1")
    }

    @Test func withoutAContentTypeTheBodyIsNotCalledAForm() throws {
        let server = try LoopbackHTTPServer(routes: ["/in": .ok("", contentType: "text/plain")])
        defer { server.stop() }

        _ = try HTTPPost(url: server.url("/in"), body: Array("raw".utf8)).perform()

        let request = try #require(server.receivedRequests.first)
        #expect(request.header("Content-Type") == nil)
        #expect(request.body == Array("raw".utf8))
    }

    @Test func responseBodyIsCappedNotRefused() throws {
        let server = try LoopbackHTTPServer(routes: [
            "/in": LoopbackHTTPServer.Response(status: 500, body: [UInt8](repeating: 0x41, count: 100_000))
        ])
        defer { server.stop() }

        let response = try HTTPPost(url: server.url("/in"), body: [], maxResponseBytes: 1000).perform()

        #expect(response.status == 500)
        #expect(response.body == [UInt8](repeating: 0x41, count: 1000))
        #expect(response.bodyTruncated)
        #expect(!response.isSuccess)
    }

    @Test func redirectIsReturnedNotFollowed() throws {
        let server = try LoopbackHTTPServer(routes: [
            "/in": .redirect(302, to: "/other"), "/other": .ok("", contentType: "text/plain"),
        ])
        defer { server.stop() }

        let response = try HTTPPost(url: server.url("/in"), body: Array("x".utf8)).perform()

        #expect(response.status == 302)
        #expect(server.receivedRequests.count == 1)
    }

    @Test(arguments: [
        ("ftp://127.0.0.1/x", "ftp://127.0.0.1/x: unsupported URL scheme 'ftp'"),
        ("file:///etc/passwd", "file:///etc/passwd: unsupported URL scheme 'file'"),
    ])
    func onlyHTTPAndHTTPS(url: String, expected: String) {
        let error = #expect(throws: FetchError.self) { try HTTPPost(url: url, body: []).perform() }
        #expect(error?.description == expected)
    }

    @Test func headerWithALineBreakIsRefused() {
        let error = #expect(throws: FetchError.self) {
            try HTTPPost(url: "http://127.0.0.1:9/x", headers: ["Title: a\r\nX-Evil: 1"], body: []).perform()
        }
        #expect(error?.description == "http://127.0.0.1:9/x: request header 'Title' contains a line break")
    }

    @Test func connectionRefused() throws {
        let url = "http://127.0.0.1:\(try LoopbackHTTPServer.unusedPort())/x"
        let error = #expect(throws: FetchError.self) { try HTTPPost(url: url, body: []).perform() }
        guard case .connect = error?.kind else {
            Issue.record("expected a connect failure, got \(String(describing: error))")
            return
        }
    }

    @Test func slowServerHitsTheDeadline() throws {
        let server = try LoopbackHTTPServer(routes: [
            "/in": LoopbackHTTPServer.Response(
                body: Array("slow".utf8), delivery: .trickleHead(interval: .milliseconds(300)))
        ])
        defer { server.stop() }

        let error = #expect(throws: FetchError.self) {
            try HTTPPost(url: server.url("/in"), body: [], totalTimeout: .seconds(1)).perform()
        }
        #expect(error?.kind == .deadline(.seconds(1)))
        #expect(error?.description == "\(server.url("/in")): no complete response within the 1 s deadline")
    }
}
