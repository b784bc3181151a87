import Foundation
import TestSupport
import Testing

@testable import FeedFetching

/// Servers that trickle their headers or body: the low-speed abort and the deadline end them, and the error says
/// which one did. Limits are small (1 to 2 s) to keep the suite short.
@Suite struct SlowServerTests {
    /// A request to the loopback server that aborts below 1 KiB/s for 1 s, with a deadline far beyond that.
    func trickleRequest(_ url: String) -> FetchRequest {
        FetchRequest(
            url: url,
            connectTimeout: .seconds(2),
            totalTimeout: .seconds(20),
            lowSpeedLimit: 1024,
            lowSpeedTime: .seconds(1),
            allowPrivateAddresses: true
        )
    }

    static let body = Array("<rss version=\"2.0\"><channel><title>slow</title></channel></rss>".utf8)

    static let trickledHead = LoopbackHTTPServer.Response(
        headers: [("Content-Type", "application/rss+xml"), ("X-Padding", String(repeating: "p", count: 200))],
        body: body,
        delivery: .trickleHead(interval: .milliseconds(200))
    )

    static let trickledBody = LoopbackHTTPServer.Response(
        body: [UInt8](repeating: UInt8(ascii: "a"), count: 200),
        delivery: .trickle(chunkSize: 1, interval: .milliseconds(100))
    )

    @Test(arguments: ["/head", "/body"])
    func aTrickleIsAbortedAsTooSlow(path: String) throws {
        let server = try LoopbackHTTPServer(routes: ["/head": Self.trickledHead, "/body": Self.trickledBody])
        defer { server.stop() }
        let url = server.url(path)

        do {
            let response = try FeedFetcher().fetchOnce(trickleRequest(url))
            Issue.record("expected the low-speed abort, got status \(response.status)")
        } catch {
            #expect(error.kind == .tooSlow(bytesPerSecond: 1024, duration: .seconds(1)))
            #expect(error.description == "\(url): slower than 1 KiB/s for 1 s")
        }
    }

    @Test func aTrickledHeadIsAbortedOnTheMultiHandleToo() async throws {
        let server = try LoopbackHTTPServer(
            routes: ["/head": Self.trickledHead, "/feed": .ok("fine")], concurrent: true)
        defer { server.stop() }
        let fetcher = MultiFetcher()

        let results = await fetcher.fetchAll([trickleRequest(server.url("/head")), trickleRequest(server.url("/feed"))])

        guard case .failure(let error) = results[0] else {
            Issue.record("expected the low-speed abort, got \(results[0])")
            return
        }
        #expect(error.description == "\(server.url("/head")): slower than 1 KiB/s for 1 s")
        #expect((try? results[1].get().body) == Array("fine".utf8))
    }

    @Test func aTrickleFastEnoughForTheLowSpeedLimitStillMeetsTheDeadline() throws {
        let server = try LoopbackHTTPServer(routes: ["/body": Self.trickledBody])
        defer { server.stop() }
        var request = trickleRequest(server.url("/body"))
        // 10 bytes per second pass a 1 byte-per-second limit; only the deadline can end them.
        request.lowSpeedLimit = 1
        request.totalTimeout = .seconds(2)

        do {
            let response = try FeedFetcher().fetchOnce(request)
            Issue.record("expected the deadline, got status \(response.status)")
        } catch {
            #expect(error.kind == .deadline(.seconds(2)))
            #expect(error.description == "\(server.url("/body")): no complete response within the 2 s deadline")
        }
    }

    @Test func aLowSpeedTimeInMillisecondsRoundsUpToWholeSeconds() throws {
        let server = try LoopbackHTTPServer(routes: ["/body": Self.trickledBody])
        defer { server.stop() }
        var request = trickleRequest(server.url("/body"))
        request.lowSpeedTime = .milliseconds(1200)

        do {
            _ = try FeedFetcher().fetchOnce(request)
            Issue.record("expected the low-speed abort")
        } catch {
            #expect(error.kind == .tooSlow(bytesPerSecond: 1024, duration: .seconds(2)))
        }
    }
}
