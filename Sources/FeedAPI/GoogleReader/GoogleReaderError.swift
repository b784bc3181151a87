/// A request the Google Reader API refuses: a status and one line that says what was wrong.
struct GoogleReaderError: Error, Sendable, Equatable, CustomStringConvertible {
    var status: Int
    var message: String

    init(_ status: Int = 400, _ message: String) {
        self.status = status
        self.message = message
    }

    var description: String { message }

    var response: APIResponse { .error(status, message) }
}
