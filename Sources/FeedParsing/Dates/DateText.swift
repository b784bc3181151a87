import Foundation

/// The parser's date reading for other modules: HTTP dates (`Expires`, `Retry-After`) and feed dates alike.
public enum DateText {
    /// Reads RFC 822/1123 (HTTP-date), RFC 850, asctime and ISO 8601 dates, with the parser's leniency.
    public static func parse(_ text: String) -> Date? {
        FeedDateParser.parse(text)
    }
}
