import FeedHTML

/// `full_text`: how an article's page becomes its content.
public enum FullTextRule: Sendable, Hashable, CustomStringConvertible {
    /// The feed's own content is kept; no page is fetched.
    case off
    /// The page's main content, as the scorer finds it (`ContentExtractor`).
    case auto

    /// Reads a rule as the configuration spells it: "off" or "auto".
    public init(_ text: String) throws(FullTextRuleError) {
        switch text.trimmingASCIIWhitespace() {
        case "off": self = .off
        case "auto": self = .auto
        default: throw FullTextRuleError(value: text)
        }
    }

    /// The configuration's spelling of the rule.
    public var description: String {
        switch self {
        case .off: return "off"
        case .auto: return "auto"
        }
    }
}
