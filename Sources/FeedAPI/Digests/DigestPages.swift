import FeedConfig

/// The digest files and Atom editions under `/digest/`, for an authenticated account.
///
/// `latest.html` and `YYYY-MM-DD.html` are the first edition's; `NAME-latest.html`, `NAME-YYYY-MM-DD.html` and
/// `NAME.atom` are edition NAME's (`DigestPageTarget` says which names exist); `/digest/` lists what is there.
/// Files are read on `DigestFileReader`'s queue; the configuration is read per request, so a reload that adds an
/// edition serves it at once.
struct DigestPages: Sendable {
    let environment: APIEnvironment

    func respond(to request: APIRequest) async -> APIResponse {
        guard request.method == .get || request.method == .head else {
            var response = APIResponse.error(405, "digests are read with GET")
            response.headers.append(("Allow", "GET, HEAD"))
            return response
        }
        let name = String(request.path.dropFirst("/digest/".count))
        let editions = environment.configuration.digests
        if name.isEmpty {
            return await index(editions)
        }
        guard let target = DigestPageTarget.resolve(name, editions: editions) else {
            return .error(404, "no such digest file (see /digest/ for the list)")
        }
        switch await DigestFileReader.read(target.path) {
        case .contents(let bytes):
            return APIResponse(contentType: target.contentType, headers: Self.headers, body: bytes)
        case .missing:
            return .error(404, target.missing)
        case .tooLarge:
            return .error(500, "\(target.fileName) is larger than \(DigestFileReader.maximumBytes >> 20) MiB")
        case .failed(let reason):
            return .error(500, "cannot read \(target.fileName): \(reason)")
        }
    }

    private func index(_ editions: [DigestSettings]) async -> APIResponse {
        var names: [String: [String]] = [:]
        for directory in Set(editions.map(\.directory)) {
            names[directory] = await DigestFileReader.names(in: directory)
        }
        let page = DigestIndexPage.html(editions: editions, names: names)
        return APIResponse(contentType: DigestPageTarget.htmlType, headers: Self.headers, body: Array(page.utf8))
    }

    /// The digests are the articles' sanitized HTML, served on the origin that holds the API's logins: no script
    /// may run there even if one slipped through, and no other site may frame the pages.
    static let headers: [(name: String, value: String)] = [
        (
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; img-src http: https: data:; frame-ancestors 'none'"
        ),
        ("X-Content-Type-Options", "nosniff"),
    ]
}
