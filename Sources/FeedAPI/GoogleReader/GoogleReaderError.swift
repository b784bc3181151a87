import FeedStore
import Foundation

/// A request the Google Reader API refuses: a status and one line that says what was wrong.
struct GoogleReaderError: Error, Sendable, Equatable, CustomStringConvertible {
    var status: Int
    var message: String

    /// Messages quote what the client sent: control characters become spaces and a long message is cut, so the
    /// answer stays one short line.
    init(_ status: Int = 400, _ message: String) {
        self.status = status
        let line = String(
            message.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
        self.message = line.count > 300 ? line.prefix(299) + "…" : line
    }

    /// The store's failure, logged in full; the client is told only to try again (`APIEnvironment.unavailable`).
    init(storeFailure error: StoreError, environment: APIEnvironment) {
        let answer = environment.unavailable(error)
        self.init(answer.status, String(decoding: answer.body, as: UTF8.self).trimmingCharacters(in: .newlines))
        retryAfter = true
    }

    /// Set for a store failure: the answer says when to try again.
    var retryAfter = false

    var description: String { message }

    var response: APIResponse {
        var response = APIResponse.error(status, message)
        if retryAfter {
            response.headers.append(("Retry-After", "30"))
        }
        return response
    }
}
