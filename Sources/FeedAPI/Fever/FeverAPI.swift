/// The Fever API under `/fever/`, for an authenticated account.
struct FeverAPI: Sendable {
    let environment: APIEnvironment

    func respond(to request: APIRequest, account: String) async -> APIResponse {
        .error(404, "no such endpoint: \(request.path)")
    }
}
