/// The Google Reader API under `/greader/reader/`, for an authenticated account.
struct GoogleReaderAPI: Sendable {
    let environment: APIEnvironment

    func respond(to request: APIRequest, account: String) async -> APIResponse {
        .error(404, "no such endpoint: \(request.path)")
    }
}
