import Foundation

/// Sends each request to the API it belongs to, after checking who sends it.
///
/// - `/greader/accounts/ClientLogin`: an app password in, a token out;
/// - `/greader/reader/…`: Google Reader, with `Authorization: GoogleLogin auth=TOKEN`;
/// - `/fever/…`: Fever, with `api_key` in the form or the query;
/// - `/digest/…`: the digest files, with HTTP Basic and an app password.
///
/// Free of hummingbird, so tests call it with `APIRequest` values.
public struct APIRouter: Sendable {
    let environment: APIEnvironment
    let authenticator: APIAuthenticator
    let googleReader: GoogleReaderAPI
    let fever: FeverAPI
    let digests: DigestPages

    public init(environment: APIEnvironment, authenticator: APIAuthenticator) {
        self.environment = environment
        self.authenticator = authenticator
        googleReader = GoogleReaderAPI(environment: environment)
        fever = FeverAPI(environment: environment)
        digests = DigestPages(environment: environment)
    }

    public func respond(to request: APIRequest) async -> APIResponse {
        let path = request.path
        if path == "/greader/accounts/ClientLogin" {
            return await clientLogin(request)
        }
        if path.hasPrefix("/greader/reader/") {
            guard let token = Self.googleLoginToken(request.authorization) else {
                return unauthorized("missing Authorization: GoogleLogin auth=TOKEN (log in at /accounts/ClientLogin)")
            }
            switch await authenticator.account(token: token) {
            case .account(let account):
                return await googleReader.respond(to: request, account: account)
            case .unavailable(let error):
                return environment.unavailable(error)
            case .denied, .throttled:
                return unauthorized("the token is unknown, expired or revoked: log in again")
            }
        }
        // Fever apps append their own script names (freshrss-api asks for /fever/api/fever.php): all are Fever.
        if path == "/fever" || path.hasPrefix("/fever/") {
            return await feverRequest(request)
        }
        if path.hasPrefix("/digest/") {
            switch await authenticator.account(basic: request.authorization ?? "", address: request.clientAddress) {
            case .account:
                return await digests.respond(to: request)
            case .throttled(let delay):
                return throttled(delay)
            case .unavailable(let error):
                return environment.unavailable(error)
            case .denied:
                var response = APIResponse.error(401, "an app password is needed (feedctl api password NAME)")
                response.headers.append(("WWW-Authenticate", "Basic realm=\"feedd\", charset=\"UTF-8\""))
                return response
            }
        }
        return .error(404, "no such endpoint: \(path)")
    }

    private func clientLogin(_ request: APIRequest) async -> APIResponse {
        guard let name = request.parameters.first("Email"), let password = request.parameters.first("Passwd"),
            !name.isEmpty, !password.isEmpty
        else {
            return .error(400, "ClientLogin needs Email and Passwd")
        }
        let (outcome, token) = await authenticator.clientLogin(
            name: name, password: password, address: request.clientAddress)
        switch outcome {
        case .account(let account):
            guard let token else { return .error(503, "could not store the token") }
            if request.parameters.first("output") == "json" {
                return .json { json in
                    json.beginObject()
                    json.field("SID", token)
                    json.field("LSID", "null")
                    json.field("Auth", token)
                    json.endObject()
                }
            }
            _ = account
            return .text("SID=\(token)\nLSID=null\nAuth=\(token)\n")
        case .throttled(let delay):
            return throttled(delay)
        case .unavailable(let error):
            return environment.unavailable(error)
        case .denied:
            return .text("Error=BadAuthentication\n", status: 401)
        }
    }

    private func feverRequest(_ request: APIRequest) async -> APIResponse {
        guard request.parameters.contains("api") else {
            return .error(400, "Fever requests carry ?api")
        }
        let key = request.parameters.first("api_key") ?? ""
        switch await authenticator.account(feverKey: key, address: request.clientAddress) {
        case .account(let account):
            return await fever.respond(to: request, account: account)
        case .throttled(let delay):
            return throttled(delay)
        case .unavailable(let error):
            return environment.unavailable(error)
        case .denied:
            // Fever's own answer to a wrong key: a document that says auth 0.
            return .json { json in
                json.beginObject()
                json.field("api_version", 3)
                json.field("auth", 0)
                json.endObject()
            }
        }
    }

    /// The token of `Authorization: GoogleLogin auth=TOKEN` (some clients write `Bearer TOKEN`).
    static func googleLoginToken(_ header: String?) -> String? {
        guard let header else { return nil }
        for prefix in ["GoogleLogin auth=", "Bearer "] where header.hasPrefix(prefix) {
            let token = header.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            return token.isEmpty ? nil : token
        }
        return nil
    }

    private func unauthorized(_ message: String) -> APIResponse {
        var response = APIResponse.error(401, message)
        response.headers.append(("Google-Bad-Token", "true"))
        return response
    }

    private func throttled(_ delay: TimeInterval) -> APIResponse {
        var response = APIResponse.error(429, "too many failed logins from this address: try again later")
        response.headers.append(("Retry-After", String(Int(delay.rounded(.up)))))
        return response
    }
}
