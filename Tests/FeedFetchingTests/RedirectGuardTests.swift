import Foundation
import TestSupport
import Testing

@testable import FeedFetching

/// The SSRF guard on redirects: a private address is allowed only for the host the owner typed, and every
/// redirect hop is checked.
@Suite struct RedirectGuardTests {
    /// A request for a URL the owner typed (`feedctl parse`): its own host may be private, nothing else.
    func typedRequest(_ url: String) -> FetchRequest {
        FetchRequest(url: url, connectTimeout: .seconds(2), totalTimeout: .seconds(5), allowPrivateRequestHost: true)
    }

    @Test func theTypedHostMayBePrivateAndRedirectWithinItself() throws {
        let server = try LoopbackHTTPServer(routes: ["/old": .redirect(301, to: "/feed"), "/feed": .ok("fine")])
        defer { server.stop() }

        let response = try FeedFetcher().fetchOnce(typedRequest(server.url("/old")))

        #expect(response.body == Array("fine".utf8))
        #expect(response.finalURL == server.url("/feed"))
    }

    @Test(arguments: ["http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/feed", "http://[::1]:9/feed"])
    func aRedirectFromTheTypedHostIntoPrivateSpaceIsRefused(target: String) throws {
        let server = try LoopbackHTTPServer(routes: ["/feed": .redirect(302, to: target)])
        defer { server.stop() }
        let url = server.url("/feed")

        do {
            let response = try FeedFetcher().fetchOnce(typedRequest(url))
            Issue.record("expected a refusal, got status \(response.status)")
        } catch {
            guard case .blockedRedirect(let location, let address) = error.kind else {
                Issue.record("expected blockedRedirect, got \(error)")
                return
            }
            #expect(location == target)
            #expect(error.description == "\(url): redirect to \(target) refused: non-public address \(address)")
        }
    }

    @Test func aRedirectToAnotherPortOfTheTypedHostIsRefused() throws {
        let other = try LoopbackHTTPServer(routes: ["/admin": .ok("secret")])
        defer { other.stop() }
        let server = try LoopbackHTTPServer(routes: ["/feed": .redirect(307, to: other.url("/admin"))])
        defer { server.stop() }

        do {
            _ = try FeedFetcher().fetchOnce(typedRequest(server.url("/feed")))
            Issue.record("expected a refusal")
        } catch {
            #expect(error.kind == .blockedRedirect(location: other.url("/admin"), address: "127.0.0.1"))
        }
        #expect(other.receivedRequests.isEmpty)
    }

    @Test func theTypedHostExemptionHoldsOnTheMultiHandleToo() async throws {
        let other = try LoopbackHTTPServer(routes: ["/admin": .ok("secret")])
        defer { other.stop() }
        let server = try LoopbackHTTPServer(routes: ["/feed": .redirect(302, to: other.url("/admin"))])
        defer { server.stop() }

        let result = await MultiFetcher().fetch(typedRequest(server.url("/feed")))

        guard case .failure(let error) = result else {
            Issue.record("expected a refusal, got \(result)")
            return
        }
        #expect(error.kind == .blockedRedirect(location: other.url("/admin"), address: "127.0.0.1"))
        #expect(other.receivedRequests.isEmpty)
    }

    @Test func originsCompareSchemeHostAndDefaultPort() throws {
        let plain = try #require(URLOrigin.parse("http://Example.ORG/feed"))
        let explicit = try #require(URLOrigin.parse("http://example.org:80/other"))
        let relative = try #require(URLOrigin.parse("/next?x=1", relativeTo: "https://[::1]:8443/feed"))

        #expect(plain.origin == explicit.origin)
        #expect(relative.url == "https://[::1]:8443/next?x=1")
        #expect(relative.origin == URLOrigin(scheme: "https", host: "::1", port: 8443))
        #expect(URLOrigin.parse("not a url") == nil)
    }
}
