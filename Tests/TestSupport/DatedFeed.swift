import Foundation

/// RSS documents whose items carry dates relative to now, for tests of what counts as recent.
public enum DatedFeed {
    /// One item: its title and publication time (nil: no pubDate at all).
    public struct Item {
        public var title: String
        public var published: Date?

        public init(title: String, published: Date?) {
            self.title = title
            self.published = published
        }
    }

    /// An RSS 2.0 channel titled `title` holding `items`, each linked under `https://example.org/<title>/`.
    public static func rss(_ title: String, items: [Item]) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let entries = items.enumerated().map { index, item in
            let date = item.published.map { "<pubDate>\(formatter.string(from: $0))</pubDate>" } ?? ""
            return """
                <item><title>\(item.title)</title><link>https://example.org/\(title)/\(index)</link>
                <guid>\(title)-\(index)</guid>\(date)
                <description>&lt;p&gt;\(item.title) happened, and it is told here.&lt;/p&gt;</description></item>
                """
        }
        return """
            <?xml version="1.0"?><rss version="2.0"><channel><title>\(title)</title><link>https://example.org/</link>
            \(entries.joined(separator: "\n"))
            </channel></rss>
            """
    }

    /// A feed with one item published an hour ago, one three days ago, one a year ago and one undated.
    public static func mixed(_ title: String, now: Date = Date()) -> String {
        rss(
            title,
            items: [
                Item(title: "\(title) fresh", published: now.addingTimeInterval(-3600)),
                Item(title: "\(title) three days old", published: now.addingTimeInterval(-3 * 86_400)),
                Item(title: "\(title) last year", published: now.addingTimeInterval(-400 * 86_400)),
                Item(title: "\(title) undated", published: nil),
            ])
    }
}
