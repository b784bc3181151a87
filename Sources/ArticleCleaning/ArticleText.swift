/// Plain text and short summaries of article HTML, for search, previews and notifications.
///
/// The input is expected to be sanitized HTML as `FeedParsing` produces it, but any HTML is read without
/// failing. Safe to call from any thread.
public enum ArticleText {
    /// What starts each list item's line in `text(fromHTML:)`.
    public static let bullet = "• "

    /// The plain text of `html`: paragraphs separated by one blank line (`"\n\n"`).
    ///
    /// - Block elements (`p`, `div`, `h1`…`h6`, `blockquote`, `pre`, `ul`/`ol`, `table`, `tr`, `figure`,
    ///   `figcaption`, `section`, `article`, `hr`, `dl`/`dd`/`dt`, …) end paragraphs.
    /// - `li` items are each on their own line, starting with `bullet`; nested list items are indented by two
    ///   spaces per level. Inside a list, blocks end lines rather than paragraphs, so a list stays one paragraph.
    /// - `br` ends a line; two or more `br` in a row end a paragraph, as feeds use them that way.
    /// - Table cells are separated by a space; images and other inline elements leave nothing.
    /// - Character references are decoded (numeric, and HTML 4 names through libxml2's table).
    /// - Whitespace runs, including no-break spaces, become one space; there is no leading or trailing
    ///   whitespace. Inside `pre`, line breaks and spaces are kept (less the newline right after `<pre>`).
    /// - The content of `script`, `style`, `template`, `noscript`, `title` and `textarea` never appears, nor
    ///   do comments.
    public static func text(fromHTML html: String) -> String {
        var copy = html
        return copy.withUTF8 { bytes in
            var extractor = ArticleTextExtractor(bytes: bytes)
            extractor.run()
            return String(decoding: extractor.output, as: UTF8.self)
        }
    }
}
