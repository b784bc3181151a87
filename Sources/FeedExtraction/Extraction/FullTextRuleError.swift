/// A `full_text` value that is none of "off", "auto", "css:…" or "xpath:…", or whose selector is invalid.
public struct FullTextRuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The value as written.
    public var value: String
    /// Why the selector was refused (`SelectorError`'s line); nil when the value is no rule at all.
    public var reason: String?

    public init(value: String, reason: String? = nil) {
        self.value = value
        self.reason = reason
    }

    public var description: String {
        if let reason {
            return "full_text '\(value)': \(reason)"
        }
        return "full_text '\(value)' is not \"off\", \"auto\", \"css:SELECTOR\" or \"xpath:EXPRESSION\""
    }
}
