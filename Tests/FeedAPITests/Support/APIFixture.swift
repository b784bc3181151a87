import FeedAccess
import FeedConfig
import FeedModel
import FeedStore
import Foundation
import Logging
import TestSupport

@testable import FeedAPI

/// A store in a fresh directory with an app password, and the API's router over it: requests go in as
/// `APIRequest` values, without a socket.
final class APIFixture: Sendable {
    static let account = "reader"
    static let password = "correct-horse-battery"

    let directory: TestDirectory
    let store: FeedStore
    let environment: APIEnvironment
    let router: APIRouter

    init(configuration: FeedConfiguration? = nil, settings: APISettings = .defaults) throws {
        directory = try TestDirectory(prefix: "api")
        store = try FeedStore(path: directory.path("feedd.sqlite"), role: .daemon)
        try store.setAPIAccount(
            name: Self.account, passwordHash: try AppPassword.hash(Self.password),
            feverKeyHash: SecretDigest.sha256(AppPassword.feverKey(name: Self.account, password: Self.password)))
        var logger = Logger(label: "feedd.api.test")
        logger.logLevel = .critical
        let gate = StoreGate(store: store)
        environment = APIEnvironment(
            gate: gate, settings: settings,
            configuration: configuration ?? .defaults(stateDirectory: directory.url.path), logger: logger)
        router = APIRouter(environment: environment, authenticator: APIAuthenticator(gate: gate, logger: logger))
    }

    deinit {
        directory.remove()
    }

    /// The Fever key of the fixture's account.
    var feverKey: String {
        AppPassword.feverKey(name: Self.account, password: Self.password)
    }

    /// Adds a feed (by feedctl, with `tags`) and returns its id.
    func addFeed(_ url: String, title: String? = nil, tags: [String] = []) throws -> Int64 {
        var feed = NewFeed(url: url, source: .feedctl)
        feed.title = title
        feed.tags = tags
        switch try store.addFeed(feed) {
        case .added(let stored), .alreadyExists(let stored):
            return stored.id
        }
    }

    /// Stores `articles` as one successful fetch of feed `feedID`.
    @discardableResult
    func ingest(_ articles: [Article], feedID: Int64, at date: Date = Date()) throws -> IngestSummary {
        try store.apply(
            FeedUpdate(
                feedID: feedID, attemptedAt: date,
                outcome: .fetched(
                    status: 200, etag: nil, lastModified: nil, title: "Feed \(feedID)", siteLink: nil,
                    articles: articles),
                nextDueAt: date.addingTimeInterval(3600)))
    }

    /// An article whose fields derive from `number`; articles given the same `story` key (in two feeds) have one
    /// URL and text, so the store makes them one story.
    static func article(_ number: Int, story: String? = nil, published: Date? = nil) -> Article {
        let key = story ?? String(number)
        let text = "Body of story \(key) about rivers, bridges and the harbour's long winter."
        let url = "https://example.org/story/\(key)"
        return Article(
            guid: "guid-\(number)", canonicalURL: url, link: url, title: "Story \(number)",
            authors: [Author(name: "Ann Writer")],
            published: published ?? Date(timeIntervalSince1970: 1_780_000_000 + Double(number) * 60),
            summary: text, contentHTML: "<p>\(text)</p>", contentText: text, categories: ["news"], enclosures: [],
            contentHash: "hash:\(key)")
    }

    /// A request from 127.0.0.1 with the given parameters.
    static func request(
        _ method: APIRequest.Method = .get, _ path: String, _ parameters: [(String, String)] = [],
        authorization: String? = nil
    ) -> APIRequest {
        APIRequest(
            method: method, path: path, parameters: FormParameters(parameters.map { (name: $0.0, value: $0.1) }),
            authorization: authorization, host: "127.0.0.1:8070", clientAddress: "127.0.0.1")
    }

    /// Logs in with ClientLogin and returns the `Authorization` header value for Google Reader requests.
    func googleLogin() async throws -> String {
        let response = await router.respond(
            to: Self.request(
                .post, "/greader/accounts/ClientLogin", [("Email", Self.account), ("Passwd", Self.password)]))
        let text = String(decoding: response.body, as: UTF8.self)
        guard response.status == 200,
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Auth=") })
        else {
            throw FixtureError(message: "ClientLogin answered \(response.status): \(text)")
        }
        return "GoogleLogin auth=" + line.dropFirst(5)
    }

    /// A fixture step that did not go as a test assumed.
    struct FixtureError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}

extension APIFixture {
    /// HTTP Basic with the fixture's account and app password (the digests' authentication).
    static var basicAuthorization: String {
        "Basic " + Data("\(account):\(password)".utf8).base64EncodedString()
    }

    /// Sends a Google Reader request to `/greader/reader/PATH` with `authorization` (from `googleLogin`).
    func reader(
        _ method: APIRequest.Method, _ path: String, _ parameters: [(String, String)] = [], authorization: String
    ) async -> APIResponse {
        await router.respond(
            to: Self.request(method, "/greader/reader/" + path, parameters, authorization: authorization))
    }

    /// A GET of `reader(_:_:_:authorization:)`.
    func reader(_ path: String, _ parameters: [(String, String)] = [], authorization: String) async -> APIResponse {
        await reader(.get, path, parameters, authorization: authorization)
    }

    /// The JSON object of a response's body, or an error that quotes it.
    static func object(_ response: APIResponse) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
            throw FixtureError(message: "not a JSON object: \(String(decoding: response.body, as: UTF8.self))")
        }
        return object
    }
}
