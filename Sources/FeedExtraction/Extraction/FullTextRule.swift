import FeedHTML

/// `full_text`: how an article's page becomes its content.
public enum FullTextRule: Sendable, Hashable, CustomStringConvertible {
    /// The feed's own content is kept; no page is fetched.
    case off
    /// The page's main content, as the scorer finds it (`ContentExtractor`).
    case auto
    /// The elements the selector matches, in document order.
    case selector(NodeSelector)

    /// Reads a rule as the configuration spells it: "off", "auto", "css:SELECTOR" or "xpath:EXPRESSION".
    ///
    /// A selector must carry its prefix (a bare word is a mistake, not an XPath), and is checked here: CSS is
    /// translated and the XPath compiled, so a bad rule fails when the configuration loads.
    public init(_ text: String) throws(FullTextRuleError) {
        let trimmed = text.trimmingASCIIWhitespace()
        switch trimmed {
        case "off":
            self = .off
        case "auto":
            self = .auto
        default:
            guard trimmed.hasPrefix("css:") || trimmed.hasPrefix("xpath:") else {
                throw FullTextRuleError(value: text)
            }
            do {
                self = .selector(try NodeSelector(trimmed))
            } catch {
                throw FullTextRuleError(value: text, reason: error.description)
            }
        }
    }

    /// The configuration's spelling of the rule.
    public var description: String {
        switch self {
        case .off: return "off"
        case .auto: return "auto"
        case .selector(let selector): return selector.description
        }
    }
}
