/// A selector from the configuration or the command line that cannot be used, with the reason on one line.
///
/// Reads `invalid CSS selector "div >": nothing after ">"` or `invalid XPath "//div[": Invalid predicate`; when a
/// valid selector fails on a page (libxml2's operation limit, an unknown function), `expression` is the selector
/// and `reason` says what happened.
public struct SelectorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The selector's language.
    public let language: NodeSelector.Language
    /// The selector as written, without its prefix.
    public let expression: String
    /// Why it cannot be used, one line without a final period.
    public let reason: String

    /// An error about `expression`, written in `language`.
    public init(language: NodeSelector.Language, expression: String, reason: String) {
        self.language = language
        self.expression = expression
        self.reason = reason
    }

    public var description: String {
        let kind = language == .css ? "CSS selector" : "XPath"
        return "invalid \(kind) \"\(expression)\": \(reason)"
    }
}
