import FeedHTML

/// A CSS or XPath selector as the owner writes it in feedd.toml.
///
/// The text is `css:article .body`, `xpath://div[@id='story']`, or a selector without a prefix in
/// `defaultLanguage`. Either kind is checked when it is made — CSS is translated to XPath 1.0 (see
/// ``CSSTranslator``), and the XPath is compiled by libxml2 — so a bad selector fails when the configuration loads,
/// not on the first page.
///
/// Relative to an item: XPath means what it says (`.//h2` searches below the item, `//h2` the whole page), while
/// CSS always searches the context node and its descendants (`descendant-or-self::`, like Scrapy's `.css()`), so
/// `h2` finds the item's headings and `a::attr(href)` also reads an item that is itself a link.
public struct NodeSelector: Sendable, Hashable, CustomStringConvertible {
    /// The language a selector is written in; the raw value is its prefix without the colon.
    public enum Language: String, Sendable {
        case css
        case xpath
    }

    /// The selector's language.
    public let language: Language
    /// The selector as written, without the prefix and surrounding whitespace.
    public let expression: String
    /// The XPath 1.0 expression evaluated: `expression` itself, or for CSS its translation.
    public let xpath: String

    /// Reads `text`, prefixed `css:` or `xpath:`, or in `defaultLanguage` without a prefix.
    ///
    /// Throws when the selector is empty, when CSS uses something ``CSSTranslator`` does not support, or when
    /// libxml2 cannot compile the XPath.
    public init(_ text: String, defaultLanguage: Language = .xpath) throws(SelectorError) {
        var language = defaultLanguage
        var body = Substring(text.trimmingASCIIWhitespace())
        for candidate in [Language.css, .xpath] where body.hasPrefix(candidate.rawValue + ":") {
            language = candidate
            body = body.dropFirst(candidate.rawValue.count + 1)
        }
        let expression = String(body).trimmingASCIIWhitespace()
        guard !expression.isEmpty else {
            throw SelectorError(language: language, expression: expression, reason: "empty selector")
        }
        let xpath =
            switch language {
            case .css: try CSSTranslator.xpath(for: expression)
            case .xpath: expression
            }
        try XPathEngine.check(xpath, language: language, expression: expression)
        self.language = language
        self.expression = expression
        self.xpath = xpath
    }

    /// `css:…` or `xpath:…`, which reads back into the same selector.
    public var description: String {
        "\(language.rawValue):\(expression)"
    }
}
