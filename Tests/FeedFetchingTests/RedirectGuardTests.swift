import Foundation
import TestSupport
import Testing

@testable import FeedFetching

/// The SSRF guard on redirects and through proxies: a private address is allowed only for the host the owner
/// typed, every redirect hop is checked, and with a proxy the target is checked by name before anything is sent.
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

    // MARK: - Through a proxy

    @Test(arguments: [
        ("http://10.1.2.3/feed", "10.1.2.3"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://localhost:8080/feed", nil),
        ("https://[::1]/feed", "::1"),
        ("http://0x7f000001/feed", "127.0.0.1"),
    ])
    func withAProxyAPrivateTargetIsRefusedBeforeTheRequest(url: String, address: String?) throws {
        let proxy = try LoopbackHTTPServer(routes: [:])
        defer { proxy.stop() }
        let proxies = ProxyEnvironment(variables: ["http_proxy": proxy.url(""), "https_proxy": proxy.url("")])

        do {
            _ = try EasyTransfer(request: FetchRequest(url: url), proxies: proxies)
            Issue.record("expected a refusal before the transfer is set up")
        } catch {
            guard case .blockedAddress(let refused) = error.kind else {
                Issue.record("expected blockedAddress, got \(error)")
                return
            }
            #expect(refused == address ?? refused)
            #expect(error.description == "\(url): refused to connect to non-public address \(refused)")
        }
        #expect(proxy.receivedRequests.isEmpty)
    }

    @Test func withAProxyAPublicTargetOrAllowedPrivateOneIsSetUp() throws {
        let proxies = ProxyEnvironment(variables: ["all_proxy": "socks5h://127.0.0.1:1080"])
        // 192.0.2.0/24 is documentation space: public to the guard, and never routed.
        _ = try EasyTransfer(request: FetchRequest(url: "http://192.0.2.10/feed"), proxies: proxies)
        _ = try EasyTransfer(
            request: FetchRequest(url: "http://10.1.2.3/feed", allowPrivateAddresses: true), proxies: proxies)
        _ = try EasyTransfer(request: typedRequest("http://10.1.2.3/feed"), proxies: proxies)
    }

    @Test func proxiesAreReadAsLibcurlReadsThem() {
        let proxies = ProxyEnvironment(variables: [
            "http_proxy": "127.0.0.1:3128", "HTTP_PROXY": "10.9.9.9", "HTTPS_PROXY": "http://user:pw@[::1]:8080",
            "all_proxy": "", "no_proxy": "*",
        ])

        #expect(Set(proxies.proxies) == ["127.0.0.1:3128", "http://user:pw@[::1]:8080"])
        #expect(proxies.addresses() == ["127.0.0.1", "::1"])
        #expect(ProxyEnvironment(variables: ["HTTP_PROXY": "10.9.9.9"]).isEmpty)
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
