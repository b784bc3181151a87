import FeedAccess
import FeedStore
import Foundation

/// The Google Reader API under `/greader/reader/`, for an authenticated account.
///
/// `api/0/`: `token`, `user-info`, `subscription/list|edit|quickadd`, `tag/list`, `unread-count`,
/// `stream/contents/STREAM`, `stream/items/ids`, `stream/items/contents`, `edit-tag`, `mark-all-as-read`,
/// `disable-tag`, `rename-tag`; and `atom/STREAM` for newsboat. Answers are JSON (`output` is ignored) except the
/// Atom streams and the plain-text `OK`s and token.
///
/// Streams list one article per story; reading marks apply to whole stories. Every store call goes through the
/// environment's `StoreGate`; every value from a request is bound, never written into SQL. Handlers throw
/// `GoogleReaderError`, which becomes a 4xx (or 503) with one line.
struct GoogleReaderAPI: Sendable {
    let environment: APIEnvironment

    static let pathPrefix = "/greader/reader/"
    /// Items of one `stream/contents`, `atom` or `items/contents` answer.
    static let maximumItems = 1_000
    /// Ids of one `stream/items/ids` answer.
    static let maximumIDs = 10_000

    func respond(to request: APIRequest, account: String) async -> APIResponse {
        let route = String(request.path.dropFirst(Self.pathPrefix.count))
        do throws(GoogleReaderError) {
            return try await dispatch(route, request: request, account: account)
        } catch {
            return error.response
        }
    }

    private func dispatch(_ route: String, request: APIRequest, account: String) async throws(GoogleReaderError)
        -> APIResponse
    {
        switch route {
        case "api/0/token":
            return .text(Self.token(account: account))
        case "api/0/user-info":
            return userInfo(account: account)
        case "api/0/subscription/list":
            return try await subscriptionList()
        case "api/0/subscription/edit":
            try Self.requirePost(request)
            return try await editSubscriptions(request.parameters)
        case "api/0/subscription/quickadd":
            try Self.requirePost(request)
            return try await quickAdd(request.parameters)
        case "api/0/tag/list":
            return try await tagList()
        case "api/0/unread-count":
            return try await unreadCount()
        case "api/0/stream/items/ids":
            return try await itemIDs(request.parameters)
        case "api/0/stream/items/contents":
            return try await itemContents(request.parameters, userAgent: request.userAgent)
        case "api/0/edit-tag":
            try Self.requirePost(request)
            return try await editTags(request.parameters, userAgent: request.userAgent)
        case "api/0/mark-all-as-read":
            try Self.requirePost(request)
            return try await markAllAsRead(request.parameters)
        case "api/0/disable-tag":
            try Self.requirePost(request)
            return try await disableTag(request.parameters)
        case "api/0/rename-tag":
            try Self.requirePost(request)
            return try await renameTag(request.parameters)
        default:
            if let stream = Self.streamInPath(route, after: "api/0/stream/contents") {
                return try await streamContents(stream ?? request.parameters.first("s"), request.parameters)
            }
            if let stream = Self.streamInPath(route, after: "atom") {
                return try await atom(stream ?? request.parameters.first("s"), request: request)
            }
            throw GoogleReaderError(404, "no such endpoint: \(request.path)")
        }
    }

    /// For a route that is `base` or `base/STREAM`: `.some(STREAM)` or `.some(nil)`; nil for other routes.
    static func streamInPath(_ route: String, after base: String) -> String?? {
        if route == base || route == base + "/" {
            return .some(nil)
        }
        guard route.hasPrefix(base + "/") else { return nil }
        return .some(String(route.dropFirst(base.count + 1)))
    }

    /// The account's `T=` token: stable, and never checked, since the Authorization header already is.
    static func token(account: String) -> String {
        String(SecretDigest.sha256("feedd-google-reader-edit-token\u{0}" + account).prefix(57))
    }

    private static func requirePost(_ request: APIRequest) throws(GoogleReaderError) {
        guard request.method == .post else {
            throw GoogleReaderError(405, "\(request.path) changes things: use POST")
        }
    }

    private func userInfo(account: String) -> APIResponse {
        .json { json in
            json.beginObject()
            json.field("userId", account)
            json.field("userName", account)
            json.field("userProfileId", account)
            json.field("userEmail", account)
            json.endObject()
        }
    }

    /// Runs a read on the store's gate; a store failure is a 503.
    func read<T: Sendable>(_ body: @escaping @Sendable (FeedStore) throws(StoreError) -> T)
        async throws(GoogleReaderError) -> T
    {
        do {
            return try await environment.gate.read(body)
        } catch {
            throw GoogleReaderError(storeFailure: error, environment: environment)
        }
    }

    /// Runs a write on the store's gate; a store failure is a 503.
    func write<T: Sendable>(_ body: @escaping @Sendable (FeedStore) throws(StoreError) -> T)
        async throws(GoogleReaderError) -> T
    {
        do {
            return try await environment.gate.write(body)
        } catch {
            throw GoogleReaderError(storeFailure: error, environment: environment)
        }
    }
}
