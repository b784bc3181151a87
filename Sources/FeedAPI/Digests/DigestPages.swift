/// The digest files and Atom editions under `/digest/`.
struct DigestPages: Sendable {
    let environment: APIEnvironment

    func respond(to request: APIRequest) async -> APIResponse {
        .error(404, "no such digest: \(request.path)")
    }
}
