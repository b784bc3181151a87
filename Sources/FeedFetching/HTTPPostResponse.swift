/// What the server answered to an `HTTPPost`: its final status and the start of its body.
public struct HTTPPostResponse: Sendable, Equatable {
    /// The HTTP status code, e.g. 200 or 500.
    public var status: Int
    /// At most the request's `maxResponseBytes` of the body.
    public var body: [UInt8]
    /// The body was longer than `body`.
    public var bodyTruncated: Bool

    public init(status: Int, body: [UInt8], bodyTruncated: Bool = false) {
        self.status = status
        self.body = body
        self.bodyTruncated = bodyTruncated
    }

    /// 200 to 299.
    public var isSuccess: Bool {
        (200..<300).contains(status)
    }
}
