import Dispatch
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import FeedFetching

/// Concurrent fetches on one multi handle against loopback servers started by each test.
@Suite struct MultiFetcherTests {
    /// A request that may reach the loopback server, with short timeouts so a failure cannot stall the suite.
    func localRequest(_ url: String, maxBodyBytes: Int = FetchRequest.defaultMaxBodyBytes) -> FetchRequest {
        FetchRequest(
            url: url,
            maxBodyBytes: maxBodyBytes,
            connectTimeout: .seconds(2),
            totalTimeout: .seconds(10),
            allowPrivateAddresses: true
        )
    }

    /// A body that is slow enough to overlap with other transfers: 8 chunks 20 ms apart.
    static let slowResponse = LoopbackHTTPServer.Response(
        headers: [("Content-Type", "text/plain")],
        body: Array("0123456789abcdef".utf8),
        delivery: .trickle(chunkSize: 2, interval: .milliseconds(20))
    )

    /// Waits (polling, a few seconds at most) until `condition` holds; returns whether it did.
    func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if condition() {
                return true
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return condition()
    }

    /// How many file descriptors this process has open.
    func openDescriptorCount() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
    }

    @Test func hundredBodiesArriveInRequestOrder() async throws {
        let server = try LoopbackHTTPServer(concurrent: true)
        defer { server.stop() }
        var expected: [String: [UInt8]] = [:]
        for path in 0..<7 {
            let body = Array(String(repeating: "<item>\(path)</item>", count: 200 * (path + 1)).utf8)
            expected["/feed\(path)"] = body
            server.setRoute("/feed\(path)", LoopbackHTTPServer.Response(body: body))
        }
        let paths = (0..<100).map { "/feed\(($0 * 5) % 7)" }
        let fetcher = MultiFetcher(configuration: .init(concurrency: 16, perHost: 16))

        let results = await fetcher.fetchAll(paths.map { localRequest(server.url($0)) })

        #expect(results.count == 100)
        for (path, result) in zip(paths, results) {
            let response = try result.get()
            #expect(response.status == 200)
            #expect(response.finalURL == server.url(path))
            #expect(response.body == expected[path], "body of \(path)")
        }
        #expect(server.receivedRequests.count == 100)
    }

    @Test func overallCapHolds() async throws {
        let server = try LoopbackHTTPServer(routes: ["/slow": Self.slowResponse], concurrent: true)
        defer { server.stop() }
        let fetcher = MultiFetcher(configuration: .init(concurrency: 3, perHost: 100))

        let results = await fetcher.fetchAll((0..<15).map { localRequest(server.url("/slow?\($0)")) })

        #expect(results.allSatisfy { (try? $0.get().body) == Self.slowResponse.body })
        #expect(server.maxConcurrentResponses <= 3)
        #expect(server.maxConcurrentResponses >= 1)
    }

    @Test func perHostCapHoldsForEachHost() async throws {
        let server = try LoopbackHTTPServer(routes: ["/slow": Self.slowResponse], concurrent: true)
        defer { server.stop() }
        // Three host names for the one server; the cap counts host names.
        let hosts = ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]"]
        let requests = (0..<24).map { index in
            localRequest("http://\(hosts[index % 3]):\(server.port)/slow?\(index)")
        }
        let fetcher = MultiFetcher(configuration: .init(concurrency: 16, perHost: 2))

        let results = await fetcher.fetchAll(requests)

        for result in results {
            #expect((try? result.get().status) == 200, "\(result)")
        }
        #expect(server.receivedHosts.count == 3)
        for host in server.receivedHosts {
            #expect(server.maxConcurrentResponses(host: host) <= 2, "host \(host)")
        }
        #expect(server.maxConcurrentResponses <= 6)
    }

    @Test func failuresStayWithTheirOwnRequests() async throws {
        let server = try LoopbackHTTPServer(concurrent: true)
        defer { server.stop() }
        server.setRoute("/feed", .ok("fine"))
        server.setRoute("/slow", Self.slowResponse)
        server.setRoute("/big", LoopbackHTTPServer.Response(body: [UInt8](repeating: 0x61, count: 100_000)))
        let refusedURL = "http://127.0.0.1:\(try LoopbackHTTPServer.unusedPort())/feed"
        let requests = [
            localRequest(server.url("/feed")),
            localRequest(server.url("/missing")),
            localRequest(refusedURL),
            FetchRequest(url: server.url("/feed"), connectTimeout: .seconds(2), totalTimeout: .seconds(5)),
            localRequest(server.url("/big"), maxBodyBytes: 4096),
            localRequest(server.url("/slow")),
            FetchRequest(url: "ftp://example.org/feed"),
            localRequest(server.url("/feed")),
        ]
        let fetcher = MultiFetcher(configuration: .init(concurrency: 4, perHost: 4))

        let results = await fetcher.fetchAll(requests)

        #expect((try? results[0].get().body) == Array("fine".utf8))
        #expect((try? results[1].get().status) == 404)
        guard case .failure(let refused) = results[2], case .connect = refused.kind else {
            Issue.record("expected a connect error, got \(results[2])")
            return
        }
        #expect(refused.url == refusedURL)
        guard case .failure(let blocked) = results[3], case .blockedAddress("127.0.0.1") = blocked.kind else {
            Issue.record("expected blockedAddress, got \(results[3])")
            return
        }
        #expect(results[4] == .failure(FetchError(url: server.url("/big"), kind: .tooLarge(limit: 4096))))
        #expect((try? results[5].get().body) == Self.slowResponse.body)
        #expect(results[6] == .failure(FetchError(url: "ftp://example.org/feed", kind: .unsupportedScheme("ftp"))))
        #expect((try? results[7].get().body) == Array("fine".utf8))
    }

    @Test func guardedRequestDoesNotReuseAnUnguardedConnection() async throws {
        // The server keeps the first request's connection open, so only the fetcher can refuse to reuse it.
        let server = try LoopbackHTTPServer(routes: ["/feed": .ok("fine")], concurrent: true, keepAlive: true)
        defer { server.stop() }
        let fetcher = MultiFetcher(configuration: .init(concurrency: 1, perHost: 1))

        let allowed = await fetcher.fetch(localRequest(server.url("/feed")))
        let guarded = await fetcher.fetch(FetchRequest(url: server.url("/feed"), connectTimeout: .seconds(2)))

        #expect((try? allowed.get().status) == 200)
        guard case .failure(let error) = guarded, case .blockedAddress = error.kind else {
            Issue.record("expected blockedAddress, got \(guarded)")
            return
        }
    }

    @Test func connectionsAreReusedAcrossRequests() async throws {
        let server = try LoopbackHTTPServer(routes: ["/feed": .ok("fine")], concurrent: true, keepAlive: true)
        defer { server.stop() }
        let fetcher = MultiFetcher(configuration: .init(concurrency: 2, perHost: 2))
        let requests = (0..<30).map { localRequest(server.url("/feed?\($0)")) }

        for _ in 0..<3 {
            let results = await fetcher.fetchAll(requests)
            #expect(results.allSatisfy { (try? $0.get().body) == Array("fine".utf8) })
        }

        #expect(server.receivedRequests.count == 90)
        #expect(server.acceptedConnections <= 2)
    }

    @Test func conditionalGetGets304() async throws {
        let server = try LoopbackHTTPServer(
            routes: ["/feed": LoopbackHTTPServer.Response(status: 304, headers: [("ETag", "\"v1\"")])],
            concurrent: true
        )
        defer { server.stop() }
        var request = localRequest(server.url("/feed"))
        request.etag = "\"v1\""
        request.lastModified = "Sat, 28 Nov 2026 10:00:00 GMT"
        let fetcher = MultiFetcher(configuration: .init())

        let response = try await fetcher.fetch(request).get()

        #expect(response.isNotModified)
        #expect(response.body.isEmpty)
        #expect(response.etag == "\"v1\"")
        let received = try #require(server.receivedRequests.first)
        #expect(received.header("If-None-Match") == "\"v1\"")
        #expect(received.header("If-Modified-Since") == "Sat, 28 Nov 2026 10:00:00 GMT")
    }

    @Test func timeoutFailsOnlyItsRequest() async throws {
        let trickle = LoopbackHTTPServer.Response(
            body: [UInt8](repeating: 0x61, count: 100),
            delivery: .trickle(chunkSize: 1, interval: .milliseconds(50))
        )
        let server = try LoopbackHTTPServer(routes: ["/trickle": trickle, "/feed": .ok("fine")], concurrent: true)
        defer { server.stop() }
        var slow = localRequest(server.url("/trickle"))
        slow.totalTimeout = .milliseconds(300)
        let fetcher = MultiFetcher(configuration: .init())

        let results = await fetcher.fetchAll([slow, localRequest(server.url("/feed"))])

        guard case .failure(let error) = results[0], error.kind == .deadline(.milliseconds(300)) else {
            Issue.record("expected the deadline, got \(results[0])")
            return
        }
        #expect((try? results[1].get().body) == Array("fine".utf8))
    }

    @Test func manyCyclesLeakNoDescriptors() async throws {
        let server = try LoopbackHTTPServer(concurrent: true)
        defer { server.stop() }
        for path in 0..<4 {
            server.setRoute("/feed\(path)", .ok(String(repeating: "x", count: 1000 * (path + 1))))
        }
        let fetcher = MultiFetcher(configuration: .init(concurrency: 8, perHost: 8))
        let requests = (0..<20).map { localRequest(server.url("/feed\($0 % 4)")) }
        // A first cycle lets Dispatch and libcurl set up whatever they keep for the process's life.
        _ = await fetcher.fetchAll(requests)
        #expect(eventually { server.openConnections == 0 })
        let baseline = try openDescriptorCount()

        for _ in 0..<25 {
            let results = await fetcher.fetchAll(requests)
            #expect(results.allSatisfy { (try? $0.get().status) == 200 })
        }

        let settled = eventually {
            server.openConnections == 0 && (try? openDescriptorCount()).map { $0 <= baseline } == true
        }
        #expect(settled, "descriptors return to the baseline of \(baseline)")
        #expect(try openDescriptorCount() <= baseline)
        #expect(server.receivedRequests.count == 26 * 20)
    }

    @Test func namesResolvedByLibcurlsResolverThreadMixWithOtherTransfers() async throws {
        // libcurl resolves a name other than localhost on a thread that signals through a socketpair, which it
        // hands to the socket callback and closes on its own; the connection's socket may get the same number.
        // The machine's own name usually resolves to a loopback address through /etc/hosts; if it does not,
        // those requests fail alone, which is what this checks too.
        let hostName = ProcessInfo.processInfo.hostName
        let server = try LoopbackHTTPServer(routes: ["/feed": .ok("fine")], concurrent: true)
        defer { server.stop() }
        let requests = (0..<60).map { index in
            localRequest("http://\(index % 2 == 0 ? hostName : "127.0.0.1"):\(server.port)/feed?\(index)")
        }
        let fetcher = MultiFetcher(configuration: .init(concurrency: 16, perHost: 16))

        for _ in 0..<3 {
            let results = await fetcher.fetchAll(requests)

            for (index, result) in results.enumerated() {
                switch result {
                case .success(let response):
                    #expect(response.body == Array("fine".utf8))
                case .failure(let error):
                    #expect(index % 2 == 0, "a request to 127.0.0.1 failed: \(error)")
                    switch error.kind {
                    case .connect, .dns:
                        break
                    default:
                        Issue.record("unexpected error \(error)")
                    }
                }
            }
        }
    }

    @Test func releasingTheFetcherFailsWaitingAndRunningRequests() throws {
        let endless = LoopbackHTTPServer.Response(
            body: [UInt8](repeating: 0x61, count: 1000),
            delivery: .trickle(chunkSize: 1, interval: .milliseconds(20))
        )
        let server = try LoopbackHTTPServer(routes: ["/slow": endless], concurrent: true)
        defer { server.stop() }
        let results = Mutex<[Result<FetchResponse, FetchError>]>([])
        let done = DispatchSemaphore(value: 0)
        var fetcher: MultiFetcher? = MultiFetcher(configuration: .init(concurrency: 2, perHost: 2))
        for index in 0..<6 {
            fetcher?.fetch(localRequest(server.url("/slow?\(index)"))) { result in
                let count = results.withLock { results in
                    results.append(result)
                    return results.count
                }
                if count == 6 {
                    done.signal()
                }
            }
        }
        #expect(eventually { server.receivedRequests.count == 2 }, "two transfers in flight, four waiting")

        fetcher = nil

        #expect(done.wait(timeout: .now() + 5) == .success, "every completion ran")
        let all = results.withLock { $0 }
        #expect(all.count == 6)
        for result in all {
            guard case .failure(let error) = result, case .other(let message) = error.kind else {
                Issue.record("expected a shutdown error, got \(result)")
                continue
            }
            #expect(message.contains("shut down"))
        }
    }

    @Test func releasedFetcherFreesItsEngine() async throws {
        let server = try LoopbackHTTPServer(routes: ["/feed": .ok("fine")], concurrent: true, keepAlive: true)
        defer { server.stop() }
        var fetcher: MultiFetcher? = MultiFetcher(configuration: .init())
        weak let driver = fetcher?.driver
        let results = await fetcher?.fetchAll((0..<10).map { localRequest(server.url("/feed?\($0)")) }) ?? []
        #expect(results.allSatisfy { (try? $0.get().status) == 200 })

        fetcher = nil

        // Its timer, sources and cached connections (kept open by this server) all let go of it.
        #expect(eventually { driver == nil })
        #expect(eventually { server.openConnections == 0 }, "the cached connections were closed")
    }

    @Test func fetchAfterShutdownFailsAtOnce() async throws {
        let fetcher = MultiFetcher(configuration: .init())
        fetcher.shutdown()

        let result = await fetcher.fetch(FetchRequest(url: "http://127.0.0.1:9/feed", allowPrivateAddresses: true))

        #expect(
            result
                == .failure(
                    FetchError(
                        url: "http://127.0.0.1:9/feed",
                        kind: .other(message: "fetch cancelled: the fetcher was shut down")
                    )))
    }

    @Test func emptyBatch() async {
        let fetcher = MultiFetcher(configuration: .init())
        #expect(await fetcher.fetchAll([]).isEmpty)
    }
}
