/// A request as the API's handlers see it, with HTTP's framing already read by the server.
///
/// Handlers never see hummingbird's types, so they are tested by building these directly.
public struct APIRequest: Sendable {
    public enum Method: Sendable, Equatable {
        case get, head, post, other
    }

    public var method: Method
    /// The path, percent-decoded, without the query (`/greader/reader/api/0/stream/contents/feed/12`).
    public var path: String
    /// The query's parameters, then a form body's.
    public var parameters: FormParameters
    /// The `Authorization` header, when there is one.
    public var authorization: String?
    /// The `Host` header, for absolute links when no `base_url` is set.
    public var host: String?
    /// The client's IP address (rate limits and logs), or "unknown".
    public var clientAddress: String
    /// The `User-Agent` header: a few apps are known by it for the quirks of their requests.
    public var userAgent: String?

    public init(
        method: Method, path: String, parameters: FormParameters = FormParameters(), authorization: String? = nil,
        host: String? = nil, clientAddress: String = "127.0.0.1", userAgent: String? = nil
    ) {
        self.userAgent = userAgent
        self.method = method
        self.path = path
        self.parameters = parameters
        self.authorization = authorization
        self.host = host
        self.clientAddress = clientAddress
    }
}
