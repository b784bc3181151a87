/// A file format written for each digest, as named in `[digest] formats`.
public enum DigestFormat: String, Sendable, Equatable, CaseIterable {
    /// A standalone HTML page.
    case html
    /// Markdown.
    case markdown = "md"
    /// Plain text.
    case text
}
