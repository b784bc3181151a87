/// A `full_text` value that is none of "off", "auto", "css:…" or "xpath:…".
public struct FullTextRuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The value as written.
    public var value: String

    public var description: String {
        "full_text '\(value)' is not \"off\", \"auto\", \"css:SELECTOR\" or \"xpath:EXPRESSION\""
    }
}
