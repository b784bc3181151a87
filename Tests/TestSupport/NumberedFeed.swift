import Foundation

/// RSS documents of numbered items with fixed dates and tracking parameters in their links, the feeds the
/// end-to-end tests serve to the built programs.
public enum NumberedFeed {
    /// An RSS 2.0 channel titled `title` with one item per number of `items`: its guid is `title-number`, its link
    /// under `https://example.org/<title>/` carries `utm_source`, and its description has two paragraphs.
    public static func rss(_ title: String, items: ClosedRange<Int>) -> String {
        let entries = items.map { number in
            """
            <item><title>\(title) story \(number)</title><link>https://example.org/\(title)/\(number)?utm_source=x</link>
            <guid>\(title)-\(number)</guid><pubDate>Sun, 29 Nov 2026 0\(number % 10):00:00 GMT</pubDate>
            <description>&lt;p&gt;Paragraph one of \(number).&lt;/p&gt;&lt;p&gt;Paragraph two.&lt;/p&gt;</description></item>
            """
        }
        return """
            <?xml version="1.0"?><rss version="2.0"><channel><title>\(title)</title><link>https://example.org/</link>
            \(entries.joined(separator: "\n"))
            </channel></rss>
            """
    }
}
