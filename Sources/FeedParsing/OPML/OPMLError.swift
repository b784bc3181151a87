/// Why an OPML file could not be read, with the file name (and line, when libxml2 knows it) for a one-line message.
///
/// `description` reads like `feeds.opml:17: malformed XML: Opening and ending tag mismatch: body line 3 and opml`.
public struct OPMLError: Error, CustomStringConvertible, Sendable, Hashable {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        /// The file is not well-formed XML; `message` is libxml2's, `line` the line it reported (0: unknown).
        case malformedXML(line: Int, message: String)
        /// The document's root element is not `<opml>`.
        case notOPML(rootElement: String)
        /// The file is larger than the reader accepts.
        case tooLarge(byteCount: Int, limit: Int)
        /// libxml2 could not create a parser (out of memory).
        case parserUnavailable
    }

    /// The name the caller gave for the input, used as the message's prefix.
    public let fileName: String
    public let reason: Reason

    public init(fileName: String, reason: Reason) {
        self.fileName = fileName
        self.reason = reason
    }

    /// The line the problem was found on, when known.
    public var line: Int? {
        if case .malformedXML(let line, _) = reason, line > 0 { return line }
        return nil
    }

    public var description: String {
        let location = line.map { "\(fileName):\($0)" } ?? fileName
        switch reason {
        case .malformedXML(_, let message):
            return "\(location): malformed XML: \(message)"
        case .notOPML(let rootElement):
            return "\(location): not an OPML document (root element is <\(rootElement)>)"
        case .tooLarge(let byteCount, let limit):
            return "\(location): file too large (\(byteCount) bytes; the limit is \(limit))"
        case .parserUnavailable:
            return "\(location): could not create an XML parser"
        }
    }
}
