import Foundation
internal import HTTPTypes
internal import Hummingbird
import Logging
internal import NIOCore

/// Turns hummingbird's requests into `APIRequest`s for the router, within the listener's limits, and its answers
/// back into responses; logs one line per request at debug.
struct APIResponder: HTTPResponder {
    typealias Context = APIRequestContext

    /// A form body larger than this is refused with 413.
    static let maximumBodySize = 1 << 20
    /// A request whose body has not arrived, or whose answer is not ready, after this long gets 408 or 503.
    static let timeLimit: Duration = .seconds(30)

    /// `X-Forwarded-For`, which swift-http-types does not name.
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    let router: APIRouter
    let logger: Logger

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let answer = await answer(request, context: context)
        var headers = HTTPFields()
        headers[.contentType] = answer.contentType
        headers[.cacheControl] = "no-store"
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) {
                headers[field] = value
            }
        }
        let body = ByteBuffer(bytes: answer.body)
        headers[.contentLength] = String(body.readableBytes)
        let elapsed = ContinuousClock.now - started
        logger.debug(
            "API request",
            metadata: [
                "method": "\(request.method)", "path": "\(request.uri.path)", "status": "\(answer.status)",
                "bytes": "\(body.readableBytes)", "client": "\(context.clientAddress)",
                "ms": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)",
            ])
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: headers,
            body: request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: body))
    }

    private func answer(_ request: Request, context: Context) async -> APIResponse {
        let method: APIRequest.Method =
            switch request.method {
            case .get: .get
            case .head: .head
            case .post: .post
            default: .other
            }
        var parameters = FormParameters(encoded: Substring(request.uri.query ?? ""))
        if method == .post {
            let type = request.headers[.contentType]?.lowercased() ?? "application/x-www-form-urlencoded"
            let body = request.body
            let collected: ByteBuffer?
            do {
                collected = try await Self.withTimeLimit { try await body.collect(upTo: Self.maximumBodySize) }
            } catch is NIOTooManyBytesError {
                return .error(413, "the request body is larger than \(Self.maximumBodySize / 1024) KiB")
            } catch {
                return .error(408, "the request body did not arrive in time")
            }
            guard let collected else {
                return .error(408, "the request body did not arrive in time")
            }
            if type.hasPrefix("application/x-www-form-urlencoded") {
                parameters.append(encoded: Substring(String(buffer: collected)))
            }
        }
        let apiRequest = APIRequest(
            method: method, path: FormParameters.decode(Substring(request.uri.path), plusIsSpace: false),
            parameters: parameters,
            authorization: request.headers[.authorization], host: request.head.authority,
            clientAddress: Self.clientAddress(
                peer: context.clientAddress, forwardedFor: request.headers[Self.forwardedFor]),
            userAgent: request.headers[.userAgent])
        let router = router
        let response = try? await Self.withTimeLimit { await router.respond(to: apiRequest) }
        return response ?? .error(503, "the answer took longer than \(Self.timeLimit)")
    }

    /// The address a request's login attempts are counted against: the peer's, or behind a reverse proxy on this
    /// host (a loopback peer), the address that proxy appended last to `X-Forwarded-For`. Behind a proxy every
    /// peer is the proxy, and one app with a wrong password would lock out every other; a header from anywhere
    /// else is not trusted, or a guesser would pick a new address for each guess.
    static func clientAddress(peer: String, forwardedFor: String?) -> String {
        guard peer == "127.0.0.1" || peer == "::1" || peer.hasPrefix("127.") || peer == "::ffff:127.0.0.1",
            let forwardedFor,
            let last = forwardedFor.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
            IPAddressText.isValid(last)
        else { return peer }
        return last
    }

    /// `work`'s result, or nil once `timeLimit` has passed. The answer goes out at the deadline even when the
    /// work does not notice cancellation (a store call waiting for another process's lock, an Argon2 hash): the
    /// work goes on by itself, and its result is dropped.
    private static func withTimeLimit<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws
        -> T?
    {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T?, any Error>) in
            let answer = FirstAnswer(continuation)
            let timer = Task {
                try? await Task.sleep(for: timeLimit)
                if !Task.isCancelled {
                    answer.give(.success(nil))
                }
            }
            Task {
                do {
                    answer.give(.success(try await work()))
                } catch {
                    answer.give(.failure(error))
                }
                timer.cancel()
            }
        }
    }
}
