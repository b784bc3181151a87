extension ConfigurationDecoder {
    /// A `full_text` value, checked: "off" is nil; "auto", "css:…" and "xpath:…" are kept as written.
    func fullTextRule(_ text: String, reader: TableReader) throws(ConfigError) -> String? {
        if let problem = FeedOptionsRules.fullTextProblem(text) {
            throw reader.error("full_text", problem)
        }
        return text == "off" ? nil : text
    }

    /// A selector, checked by compiling it (XPath unless it says `css:`); kept as written.
    func selector(_ text: String, reader: TableReader, key: String) throws(ConfigError) -> String {
        if let problem = FeedOptionsRules.selectorProblem(text) {
            throw reader.error(key, problem)
        }
        return text
    }
}
