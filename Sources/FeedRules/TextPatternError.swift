/// Why a regular expression does not compile, in PCRE2's words: "missing closing parenthesis at character 7".
public struct TextPatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pattern as written.
    public var pattern: String
    /// PCRE2's explanation.
    public var message: String
    /// The byte offset in the pattern where PCRE2 noticed the problem, when it says.
    public var offset: Int?

    public init(pattern: String, message: String, offset: Int?) {
        self.pattern = pattern
        self.message = message
        self.offset = offset
    }

    public var description: String {
        guard let offset else { return message }
        // PCRE2 counts bytes; people count characters, from one.
        let characters = String(decoding: pattern.utf8.prefix(offset), as: UTF8.self).count
        return "\(message) at character \(characters + 1)"
    }
}
