import FeedFetching
import Foundation
import Glibc
import TestSupport
import Testing

/// The caps under a load of hundreds of requests, and a server that accepts connections but never answers.
@Suite struct LoadAndSilenceTests {
    func request(_ url: String, timeout: Duration = .seconds(20)) -> FetchRequest {
        FetchRequest(url: url, connectTimeout: .seconds(2), totalTimeout: timeout, allowPrivateAddresses: true)
    }

    @Test func twoHundredRequestsKeepBothCaps() async throws {
        let quick = LoopbackHTTPServer.Response(
            headers: [("Content-Type", "text/plain")], body: Array("0123".utf8),
            delivery: .trickle(chunkSize: 2, interval: .milliseconds(10)))
        let server = try LoopbackHTTPServer(routes: ["/feed": quick], concurrent: true, keepAlive: true)
        defer { server.stop() }
        // Three host names for one server: the overall cap (5) binds before the three per-host caps (3 each) do.
        let hosts = ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]"]
        let requests = (0..<200).map { request("http://\(hosts[$0 % 3]):\(server.port)/feed?\($0)") }
        let fetcher = MultiFetcher(configuration: .init(concurrency: 5, perHost: 3))

        let results = await fetcher.fetchAll(requests)

        #expect(results.count == 200)
        #expect(results.allSatisfy { (try? $0.get().body) == Array("0123".utf8) })
        #expect(server.receivedRequests.count == 200)
        #expect(server.maxConcurrentResponses <= 5)
        #expect(server.maxConcurrentResponses >= 2, "requests did overlap")
        for host in server.receivedHosts {
            #expect(server.maxConcurrentResponses(host: host) <= 3, "host \(host)")
        }
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        // A socket that listens but never accepts: the connection completes in the kernel, no byte ever comes.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 8) == 0
                    && getsockname(listener, pointer, &length) == 0
            }
        }
        try #require(bound)
        let port = UInt16(bigEndian: address.sin_port)
        let fetcher = MultiFetcher()
        let url = "http://127.0.0.1:\(port)/feed"

        let result = await fetcher.fetch(request(url, timeout: .milliseconds(700)))

        guard case .failure(let error) = result else {
            Issue.record("expected the deadline, got \(result)")
            return
        }
        #expect(error.description == url + ": no complete response within the 700 ms deadline")
    }
}
