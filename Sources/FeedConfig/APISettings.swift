/// The `[api]` table: the HTTP listener for reader apps (Google Reader and Fever APIs) and the digests.
///
/// The listener is off unless the table is present; an empty `[api]` listens on 127.0.0.1:8070.
public struct APISettings: Sendable, Equatable {
    /// `listen`'s address: an IPv4 or IPv6 literal (`localhost` is read as 127.0.0.1).
    public var host: String
    /// `listen`'s port, 1 to 65535.
    public var port: Int
    /// `base_url`: how clients reach the listener (through a reverse proxy), without a trailing slash; absolute
    /// links the API writes start with it. Nil: links are made from the request's own Host header.
    public var baseURL: String?

    /// Creates API settings; no validation happens here.
    public init(host: String, port: Int, baseURL: String? = nil) {
        self.host = host
        self.port = port
        self.baseURL = baseURL
    }

    /// The listener an empty `[api]` table asks for.
    public static let defaults = APISettings(host: "127.0.0.1", port: 8070)

    /// `listen` as it is written: `HOST:PORT`, with an IPv6 host in brackets.
    public var listen: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
