import Foundation
import TestSupport
import Testing

@testable import FeedNotify

/// ntfy and webhook deliveries to a loopback server started by each test.
@Suite struct HTTPSinkTests {
    private let sender = NotificationSender(userAgent: "feedd-test/1", timeout: .seconds(10))
    private let json = Array(#"{"event":"new_articles","count":2,"title":"Zwei neue Artikel – heute"}"#.utf8)

    private func message(title: String = "feedd", text: String = "2 new articles", click: String? = nil)
        -> NotificationMessage
    {
        NotificationMessage(json: json, title: title, text: text, click: click)
    }

    private func webhook(_ url: String, secretFile: String? = nil) throws -> NotificationSink {
        NotificationSink(name: "hook", kind: .webhook(url: try #require(URL(string: url)), secretFile: secretFile))
    }

    // MARK: - Webhook

    @Test func webhookSignsTheBodyItSends() throws {
        let server = try LoopbackHTTPServer(routes: ["/hook": .ok("ok", contentType: "text/plain")])
        defer { server.stop() }
        let directory = try TestDirectory(prefix: "notify")
        defer { directory.remove() }
        let secretPath = try directory.write("webhook.secret", "correct horse battery staple\n")

        try sender.deliver(message(), to: webhook(server.url("/hook"), secretFile: secretPath))

        let request = try #require(server.receivedRequests.first)
        #expect(request.method == "POST")
        #expect(request.body == json)
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("User-Agent") == "feedd-test/1")
        let expected = HMACSHA256.hex(key: Array("correct horse battery staple".utf8), message: request.body)
        #expect(request.header("X-Feedd-Signature") == "sha256=" + expected)
        #expect(request.header("Expect") == nil)
    }

    @Test func rotatedSecretIsUsedWithoutARestart() throws {
        let server = try LoopbackHTTPServer(routes: ["/hook": .ok("ok", contentType: "text/plain")])
        defer { server.stop() }
        let directory = try TestDirectory(prefix: "notify")
        defer { directory.remove() }
        let secretPath = try directory.write("webhook.secret", "first\n")
        let sink = try webhook(server.url("/hook"), secretFile: secretPath)

        try sender.deliver(message(), to: sink)
        _ = try directory.write("webhook.secret", "second\n")
        try sender.deliver(message(), to: sink)

        let signatures = server.receivedRequests.map { $0.header("X-Feedd-Signature") }
        #expect(
            signatures == [
                "sha256=" + HMACSHA256.hex(key: Array("first".utf8), message: json),
                "sha256=" + HMACSHA256.hex(key: Array("second".utf8), message: json),
            ])
    }

    @Test func webhookWithoutSecretIsUnsigned() throws {
        let server = try LoopbackHTTPServer(routes: ["/hook": .ok("ok", contentType: "text/plain")])
        defer { server.stop() }

        try sender.deliver(message(), to: webhook(server.url("/hook")))

        let request = try #require(server.receivedRequests.first)
        #expect(request.body == json)
        #expect(request.header("X-Feedd-Signature") == nil)
    }

    @Test func serverErrorNamesTheStatusNotTheSecretOrBody() throws {
        let server = try LoopbackHTTPServer(routes: [
            "/hook": LoopbackHTTPServer.Response(status: 500, body: Array("boom".utf8))
        ])
        defer { server.stop() }
        let directory = try TestDirectory(prefix: "notify")
        defer { directory.remove() }
        let secretPath = try directory.write("webhook.secret", "do-not-log-me\n")

        let error = #expect(throws: NotificationError.self) {
            try sender.deliver(message(), to: webhook(server.url("/hook"), secretFile: secretPath))
        }
        #expect(error?.reason == .httpStatus(500))
        #expect(error?.description == "webhook \"hook\" (\(server.url("/hook"))): HTTP 500 Internal Server Error")
        let text = error?.description ?? ""
        #expect(!text.contains("do-not-log-me") && !text.contains("new_articles"))
    }

    @Test func redirectIsNotFollowed() throws {
        let server = try LoopbackHTTPServer(routes: [
            "/hook": .redirect(307, to: "/elsewhere"), "/elsewhere": .ok("ok", contentType: "text/plain"),
        ])
        defer { server.stop() }

        let error = #expect(throws: NotificationError.self) {
            try sender.deliver(message(), to: webhook(server.url("/hook")))
        }
        #expect(error?.reason == .httpStatus(307))
        #expect(server.receivedRequests.map(\.target) == ["/hook"])
    }

    @Test func connectionRefusedIsAnError() throws {
        let port = try LoopbackHTTPServer.unusedPort()
        let url = "http://127.0.0.1:\(port)/hook"

        let error = #expect(throws: NotificationError.self) {
            try sender.deliver(message(), to: webhook(url))
        }
        guard case .request(let failure)? = error?.reason, case .connect = failure.kind else {
            Issue.record("expected a connect failure, got \(String(describing: error))")
            return
        }
        #expect(error?.description.hasPrefix("webhook \"hook\" (\(url)): connection failed: ") == true)
    }

    @Test func unreadableSecretFileNamesThePath() throws {
        let directory = try TestDirectory(prefix: "notify")
        defer { directory.remove() }
        let path = directory.path("absent.secret")
        // Nothing listens there: the secret is read before any connection.
        let error = #expect(throws: NotificationError.self) {
            try sender.deliver(message(), to: webhook("http://127.0.0.1:9/hook", secretFile: path))
        }
        #expect(error?.description == "webhook \"hook\": secret file \(path): No such file or directory")
    }

    @Test func credentialsAndQueryStayOutOfErrors() throws {
        let server = try LoopbackHTTPServer(routes: ["/hook": LoopbackHTTPServer.Response(status: 500)])
        defer { server.stop() }
        let url = "http://user:pa55word@127.0.0.1:\(server.port)/hook?token=t0ken"

        let error = #expect(throws: NotificationError.self) {
            try sender.deliver(message(), to: webhook(url))
        }
        #expect(
            error?.description
                == "webhook \"hook\" (http://127.0.0.1:\(server.port)/hook?…): HTTP 500 Internal Server Error")
    }

    @Test func onlyHTTPURLsArePosted() throws {
        let sink = NotificationSink(name: "phone", kind: .ntfy(url: try #require(URL(string: "ftp://127.0.0.1/x"))))
        let error = #expect(throws: NotificationError.self) { try sender.deliver(message(), to: sink) }
        #expect(error?.description == "ntfy \"phone\" (ftp://127.0.0.1/x): unsupported URL scheme 'ftp'")
    }

    // MARK: - ntfy

    @Test func ntfyGetsTextAndHeaders() throws {
        let server = try LoopbackHTTPServer(routes: ["/feedd": .ok("{}", contentType: "application/json")])
        defer { server.stop() }
        let sink = NotificationSink(name: "phone", kind: .ntfy(url: try #require(URL(string: server.url("/feedd")))))

        try sender.deliver(
            message(title: "Two new\r\narticles", text: "Alpha\nBeta\n", click: "https://example.org/a?b=1"), to: sink)

        let request = try #require(server.receivedRequests.first)
        #expect(request.method == "POST")
        #expect(request.body == Array("Alpha\nBeta\n".utf8))
        #expect(request.header("Title") == "Two new articles")
        #expect(request.header("Click") == "https://example.org/a?b=1")
        #expect(request.header("Tags") == "newspaper")
        #expect(request.header("X-Feedd-Signature") == nil)
    }

    @Test func ntfyCapsTextAtACharacterBoundaryAndEncodesNonASCIIHeaders() throws {
        let server = try LoopbackHTTPServer(routes: ["/feedd": .ok("{}", contentType: "application/json")])
        defer { server.stop() }
        let sink = NotificationSink(name: "phone", kind: .ntfy(url: try #require(URL(string: server.url("/feedd")))))
        // "é" is two bytes, at 3,999 and 4,000: it does not fit, and is not cut in half.
        let text = String(repeating: "a", count: 3999) + "é" + String(repeating: "b", count: 100)

        try sender.deliver(
            message(title: "Neue Artikel – Café", text: text, click: "https://example.org/café?q=ü"), to: sink)

        let request = try #require(server.receivedRequests.first)
        #expect(request.body == Array(String(repeating: "a", count: 3999).utf8))
        #expect(request.header("Click") == "https://example.org/caf%C3%A9?q=%C3%BC")
        let title = try #require(request.header("Title"))
        #expect(title.hasPrefix("=?UTF-8?B?") && title.hasSuffix("?="))
        let encoded = String(title.dropFirst("=?UTF-8?B?".count).dropLast(2))
        let decoded = try #require(Data(base64Encoded: encoded))
        #expect(String(decoding: decoded, as: UTF8.self) == "Neue Artikel – Café")
    }
}
