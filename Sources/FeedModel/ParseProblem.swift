/// Something wrong with a document that the parser recovered from.
public struct ParseProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1-based line in the document, or 0 when the problem is not tied to a line.
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// "line 3: message", or the message alone when there is no line.
    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}
