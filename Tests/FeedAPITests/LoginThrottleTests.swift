import Foundation
import Testing

@testable import FeedAPI

/// Failed logins per address: attempts count from their start, so guesses sent at once are throttled too.
@Suite struct LoginThrottleTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func attemptsInFlightCountTowardTheLimit() {
        let throttle = LoginThrottle(limit: 3, window: 60)
        #expect((0..<3).map { _ in throttle.begin("10.0.0.1", now: Self.now) } == [nil, nil, nil])
        #expect(throttle.begin("10.0.0.1", now: Self.now) != nil)
        #expect(throttle.begin("10.0.0.2", now: Self.now) == nil)
        throttle.finish("10.0.0.1", failed: false, now: Self.now)
        #expect(throttle.begin("10.0.0.1", now: Self.now) == nil)
    }

    @Test func failuresWaitOutTheirWindow() {
        let throttle = LoginThrottle(limit: 2, window: 60)
        for _ in 0..<2 {
            #expect(throttle.begin("10.0.0.1", now: Self.now) == nil)
            throttle.finish("10.0.0.1", failed: true, now: Self.now)
        }
        #expect(throttle.begin("10.0.0.1", now: Self.now.addingTimeInterval(10)) == 50)
        #expect(throttle.begin("10.0.0.1", now: Self.now.addingTimeInterval(60)) == nil)
    }

    @Test func twentyGuessesAtOnceGetAtMostFiveAnswers() async throws {
        let fixture = try APIFixture()
        let router = fixture.router
        let statuses = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    await router.respond(
                        to: APIFixture.request(
                            .post, "/greader/accounts/ClientLogin", [("Email", "reader"), ("Passwd", "guess")])
                    ).status
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 401 }.count <= 5)
        #expect(statuses.filter { $0 == 429 }.count >= 15)
    }

    @Test func aFeverPollWithoutAKeyIsNotAFailedLogin() async throws {
        let fixture = try APIFixture()
        for _ in 0..<10 {
            let response = await fixture.router.respond(to: APIFixture.request(.post, "/fever/", [("api", "")]))
            #expect(String(decoding: response.body, as: UTF8.self) == #"{"api_version":3,"auth":0}"#)
        }
        let login = await fixture.router.respond(
            to: APIFixture.request(
                .post, "/greader/accounts/ClientLogin", [("Email", "reader"), ("Passwd", APIFixture.password)]))
        #expect(login.status == 200)
    }

    /// Behind a reverse proxy on this host, the proxy's last X-Forwarded-For is the client; from anywhere else
    /// the header is ignored, or a guesser would choose a new address for each guess.
    @Test(arguments: [
        ("127.0.0.1", "203.0.113.7", "203.0.113.7"),
        ("::1", "198.51.100.1, 203.0.113.7", "203.0.113.7"),
        ("127.0.0.1", "not an address", "127.0.0.1"),
        ("127.0.0.1", nil, "127.0.0.1"),
        ("192.0.2.10", "203.0.113.7", "192.0.2.10"),
    ])
    func loginsAreCountedAgainstTheRealClient(peer: String, forwardedFor: String?, expected: String) {
        #expect(APIResponder.clientAddress(peer: peer, forwardedFor: forwardedFor) == expected)
    }

    @Test func oneAddressCannotTakeEveryConnection() {
        let limit = ConnectionLimit(perAddress: 2)
        #expect(limit.admit("10.0.0.1") && limit.admit("10.0.0.1"))
        #expect(!limit.admit("10.0.0.1"))
        #expect(limit.admit("10.0.0.2"))
        limit.release("10.0.0.1")
        #expect(limit.admit("10.0.0.1"))
        // A reverse proxy on this host is every client at once.
        #expect((0..<10).allSatisfy { _ in limit.admit("127.0.0.1") })
    }
}
