import FeedConfig
import FeedFetching
import FeedModel
import FeedPipeline
import TestSupport
import Testing

/// A feed's options become its request, with the secrets read at the fetch and one-line errors naming the feed.
@Suite struct FetchPolicyOptionsTests {
    static let base = FetchRequest(url: "https://example.org/feed")

    @Test func secretsAreReadFromTheirFiles() throws {
        let directory = try TestDirectory(prefix: "policy")
        defer { directory.remove() }
        let password = try directory.write("password", "s3cret\n")
        let token = try directory.write("token", "t-42\n")
        let cookies = try directory.write("cookies", "# Netscape HTTP Cookie File\n")
        let options = FeedOptions(
            username: "me", passwordFile: password,
            headers: [.init(name: "X-Token", value: "file:" + token), .init(name: "Accept-Language", value: "de")],
            cookieFile: cookies, userAgent: "Reader/1", proxy: "http://127.0.0.1:3128")

        let request = try FetchPolicy.applying(options, to: Self.base, credentialsDirectory: nil)

        #expect(request.username == "me")
        #expect(request.password == "s3cret")
        #expect(
            request.headers == [.init(name: "X-Token", value: "t-42"), .init(name: "Accept-Language", value: "de")])
        #expect(request.cookieFile == cookies)
        #expect(request.userAgent == "Reader/1")
        #expect(request.proxy == "http://127.0.0.1:3128")
    }

    @Test func aCredentialIsReadFromTheCredentialsDirectory() throws {
        let directory = try TestDirectory(prefix: "credentials")
        defer { directory.remove() }
        _ = try directory.write("example", "from-systemd")
        let options = FeedOptions(username: "me", passwordCredential: "example")

        let request = try FetchPolicy.applying(options, to: Self.base, credentialsDirectory: directory.url.path)

        #expect(request.password == "from-systemd")
    }

    @Test func unreadableSecretsFailTheFetchWithOneLine() throws {
        let cases: [(FeedOptions, String)] = [
            (
                FeedOptions(username: "me", passwordFile: "/nonexistent/p"),
                "https://example.org/feed: password_file: secret file /nonexistent/p: No such file or directory"
            ),
            (
                FeedOptions(username: "me", passwordCredential: "example"),
                "https://example.org/feed: password_credential example needs $CREDENTIALS_DIRECTORY "
                    + "(LoadCredential= in the unit), which is not set"
            ),
            (
                FeedOptions(headers: [.init(name: "X-Token", value: "file:/nonexistent/t")]),
                "https://example.org/feed: headers.X-Token: secret file /nonexistent/t: No such file or directory"
            ),
            (
                FeedOptions(cookieFile: "/nonexistent/c"),
                "https://example.org/feed: cookie_file /nonexistent/c cannot be read"
            ),
        ]
        for (options, message) in cases {
            #expect(throws: FetchError.self) {
                try FetchPolicy.applying(options, to: Self.base, credentialsDirectory: nil)
            }
            do {
                _ = try FetchPolicy.applying(options, to: Self.base, credentialsDirectory: nil)
            } catch {
                #expect(error.description == message)
            }
        }
    }
}
