import FeedModel

extension ConfigurationDecoder {
    /// A `full_text` value, checked: "off" is nil; "auto", "css:…" and "xpath:…" are kept as written.
    func fullTextRule(_ text: String, reader: TableReader) throws(ConfigError) -> String? {
        switch text {
        case "off":
            return nil
        case "auto":
            return text
        default:
            guard text.hasPrefix("css:") || text.hasPrefix("xpath:") else {
                throw reader.error(
                    "full_text",
                    "expected \"off\", \"auto\", \"css:SELECTOR\" or \"xpath:EXPRESSION\", got \(describe(text))")
            }
            return try selector(text, reader: reader, key: "full_text")
        }
    }

    /// A selector, checked; kept as written.
    func selector(_ text: String, reader: TableReader, key: String) throws(ConfigError) -> String {
        text
    }
}
