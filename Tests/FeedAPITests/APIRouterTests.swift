import FeedStore
import Foundation
import Testing

@testable import FeedAPI

/// Who may ask what: logins, tokens, Fever keys and HTTP Basic, before any endpoint runs.
@Suite struct APIRouterTests {
    @Test func clientLoginGivesATokenThatOpensTheAPI() async throws {
        let fixture = try APIFixture()
        let authorization = try await fixture.googleLogin()
        #expect(authorization.hasPrefix("GoogleLogin auth=reader/"))
        #expect(try fixture.store.apiAccounts().first?.tokens == 1)
    }

    @Test func aWrongPasswordIsRefused() async throws {
        let fixture = try APIFixture()
        let response = await fixture.router.respond(
            to: APIFixture.request(
                .post, "/greader/accounts/ClientLogin", [("Email", "reader"), ("Passwd", "wrong")]))
        #expect(response.status == 401)
        #expect(String(decoding: response.body, as: UTF8.self) == "Error=BadAuthentication\n")
    }

    @Test func repeatedFailuresAreThrottledPerAddress() async throws {
        let fixture = try APIFixture()
        var statuses: [Int] = []
        for _ in 0..<6 {
            statuses.append(
                await fixture.router.respond(
                    to: APIFixture.request(
                        .post, "/greader/accounts/ClientLogin", [("Email", "reader"), ("Passwd", "guess")])
                ).status)
        }
        #expect(statuses == [401, 401, 401, 401, 401, 429])
        // Even the right password waits now: guessing between good logins gains nothing.
        let right = await fixture.router.respond(
            to: APIFixture.request(
                .post, "/greader/accounts/ClientLogin",
                [("Email", "reader"), ("Passwd", APIFixture.password)]))
        #expect(right.status == 429)
    }

    @Test(arguments: [nil, "GoogleLogin auth=reader/0000", "GoogleLogin auth=nobody", "Basic cmVhZGVyOng="])
    func readerRequestsNeedAValidToken(authorization: String?) async throws {
        let fixture = try APIFixture()
        let response = await fixture.router.respond(
            to: APIFixture.request(.get, "/greader/reader/api/0/user-info", authorization: authorization))
        #expect(response.status == 401)
    }

    @Test func aRevokedPasswordTakesItsTokensAlong() async throws {
        let fixture = try APIFixture()
        let authorization = try await fixture.googleLogin()
        #expect(try fixture.store.revokeAPIAccount(name: "reader"))
        let response = await fixture.router.respond(
            to: APIFixture.request(.get, "/greader/reader/api/0/user-info", authorization: authorization))
        #expect(response.status == 401)
    }

    @Test func feverAnswersAuthZeroToAWrongKey() async throws {
        let fixture = try APIFixture()
        let response = await fixture.router.respond(
            to: APIFixture.request(.post, "/fever/", [("api", ""), ("api_key", "0123")]))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"api_version":3,"auth":0}"#)
    }

    @Test func digestsNeedBasicAuthentication() async throws {
        let fixture = try APIFixture()
        let response = await fixture.router.respond(to: APIFixture.request(.get, "/digest/latest.html"))
        #expect(response.status == 401)
        #expect(response.headers.contains { $0.name == "WWW-Authenticate" })
    }

    @Test func unknownPathsAre404() async throws {
        let fixture = try APIFixture()
        #expect(await fixture.router.respond(to: APIFixture.request(.get, "/wp-admin")).status == 404)
    }
}
