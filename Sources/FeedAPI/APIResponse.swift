import FeedModel

/// What a handler answers: a status, a content type and the body's bytes, with any extra headers.
public struct APIResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int = 200, contentType: String, headers: [(name: String, value: String)] = [], body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    /// A plain-text answer (Google Reader's "OK", its login lines, its token).
    public static func text(_ text: String, status: Int = 200) -> APIResponse {
        APIResponse(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }

    /// JSON written by `JSONWriter`.
    public static func json(_ writer: JSONWriter, status: Int = 200) -> APIResponse {
        APIResponse(status: status, contentType: "application/json; charset=utf-8", body: writer.bytes)
    }

    /// JSON built by a closure.
    public static func json(status: Int = 200, _ write: (inout JSONWriter) -> Void) -> APIResponse {
        var writer = JSONWriter()
        write(&writer)
        return json(writer, status: status)
    }

    /// A client error or a server failure: the status and one line that says what was wrong, never a stack trace.
    public static func error(_ status: Int, _ message: String) -> APIResponse {
        text(message + "\n", status: status)
    }
}
