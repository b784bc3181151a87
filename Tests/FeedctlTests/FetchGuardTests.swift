import Foundation
import TestSupport
import Testing

/// The SSRF guard as the owner meets it through `feedctl`: `parse` allows a private address only for the host
/// typed, and `add` through a proxy from the environment checks the feed's host, not the proxy's.
@Suite struct FetchGuardTests {
    static let feed = """
        <rss version="2.0"><channel><title>Proxied</title><link>http://192.0.2.10/</link>
        <item><title>One</title><link>http://192.0.2.10/1</link><guid>1</guid></item></channel></rss>
        """

    /// The loopback server as the only proxy libcurl may use, whatever the environment running the tests says.
    static func proxyEnvironment(_ proxy: LoopbackHTTPServer) -> [String: String] {
        [
            "http_proxy": proxy.url(""), "https_proxy": proxy.url(""), "HTTPS_PROXY": "", "all_proxy": "",
            "ALL_PROXY": "", "no_proxy": "", "NO_PROXY": "",
        ]
    }

    // MARK: - parse

    @Test(arguments: ["http://169.254.169.254/latest/meta-data/", "http://10.1.2.3:8080/feed"])
    func parseRefusesARedirectFromTheTypedHostIntoPrivateSpace(target: String) throws {
        let server = try LoopbackHTTPServer(routes: ["/feed": .redirect(302, to: target)])
        defer { server.stop() }
        let url = server.url("/feed")

        let result = try FeedctlBinary.run(["parse", url])

        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        let address = try #require(URL(string: target)?.host)
        #expect(
            result.standardError
                == "feedctl: \(url): redirect to \(target) refused: non-public address \(address)\n")
    }

    @Test func parseRefusesARedirectToAnotherPortOfTheTypedHost() throws {
        let other = try LoopbackHTTPServer(routes: ["/admin": .ok("secret")])
        defer { other.stop() }
        let server = try LoopbackHTTPServer(routes: ["/feed": .redirect(301, to: other.url("/admin"))])
        defer { server.stop() }

        let result = try FeedctlBinary.run(["parse", "--json", server.url("/feed")])

        #expect(result.status == 1)
        #expect(
            result.standardError
                == "feedctl: \(server.url("/feed")): redirect to \(other.url("/admin")) refused: "
                + "non-public address 127.0.0.1\n")
        #expect(other.receivedRequests.isEmpty)
    }

    // MARK: - add through a proxy

    @Test(arguments: [
        ("http://10.1.2.3/feed.xml", "10.1.2.3"), ("http://169.254.169.254/latest/", "169.254.169.254"),
        ("http://localhost:8080/feed.xml", ""),
    ])
    /// `address` is empty for localhost, which may resolve to ::1 or 127.0.0.1 first.
    func addThroughAProxyRefusesAPrivateTargetBeforeAnyByteReachesTheProxy(url: String, address: String) throws {
        let proxy = try LoopbackHTTPServer(routes: [url: .ok(Self.feed)])
        defer { proxy.stop() }
        let sandbox = try FeedctlSandbox(allowPrivateAddresses: false)

        let result = try sandbox.run(["add", url], environment: Self.proxyEnvironment(proxy))

        #expect(result.status != 0)
        #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        #expect(result.standardError.hasPrefix("feedctl: \(url): refused to connect to non-public address \(address)"))
        #expect(proxy.receivedRequests.isEmpty)
        #expect(try sandbox.feeds().isEmpty)
    }

    @Test func addFetchesAPublicTargetThroughALoopbackProxy() throws {
        // 192.0.2.0/24 is documentation space: public to the guard, and only the loopback proxy answers for it.
        let url = "http://192.0.2.10/feed.xml"
        let proxy = try LoopbackHTTPServer(routes: [url: .ok(Self.feed)])
        defer { proxy.stop() }
        let sandbox = try FeedctlSandbox(allowPrivateAddresses: false)

        let result = try sandbox.run(["add", url], environment: Self.proxyEnvironment(proxy))

        #expect(result.status == 0, "\(result.standardError)")
        #expect(proxy.receivedRequests.map(\.target) == [url])
        #expect(try sandbox.feeds().count == 1)
    }

    @Test func addThroughAProxyRefusesARedirectIntoPrivateSpaceBeforeFollowingIt() throws {
        let url = "http://192.0.2.10/feed.xml"
        let target = "http://169.254.169.254/latest/meta-data/"
        let proxy = try LoopbackHTTPServer(routes: [url: .redirect(302, to: target), target: .ok("secret")])
        defer { proxy.stop() }
        let sandbox = try FeedctlSandbox(allowPrivateAddresses: false)

        let result = try sandbox.run(["add", url], environment: Self.proxyEnvironment(proxy))

        #expect(result.status != 0)
        #expect(
            result.standardError
                == "feedctl: \(url): redirect to \(target) refused: non-public address 169.254.169.254 "
                + "(set [fetch] allow_private_addresses = true to allow it)\n")
        #expect(proxy.receivedRequests.map(\.target) == [url])
    }
}
