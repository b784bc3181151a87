import FeedHTML

/// Sanitized HTML as paragraphs of plain text, for reading extracted content in a terminal.
enum ParagraphText {
    /// Ends of blocks: each one ends a paragraph of the printed text.
    private static let breaks = [
        "</p>", "</h1>", "</h2>", "</h3>", "</h4>", "</h5>", "</h6>", "</li>", "</pre>", "</tr>", "</blockquote>",
        "</figcaption>", "</dt>", "</dd>", "<br>", "</div>", "</table>",
    ]

    /// The paragraphs of `html`, each one line of plain text; empty ones left out.
    static func paragraphs(ofHTML html: String) -> [String] {
        var marked = html
        for end in breaks {
            marked = marked.replacing(end, with: end + "\u{1}")
        }
        return marked.split(separator: "\u{1}").map { HTMLPlainText.text(fromMarkup: String($0)) }.filter {
            !$0.isEmpty
        }
    }
}
