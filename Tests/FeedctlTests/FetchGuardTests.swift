import Foundation
import TestSupport
import Testing

/// The SSRF guard as the owner meets it through `feedctl`: `parse` allows a private address only for the host
/// typed.
@Suite struct FetchGuardTests {
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
}
