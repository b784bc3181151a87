import FeedConfig

/// Renders a ``DigestDocument`` as one self-contained HTML page, Markdown, or plain text for mail.
///
/// All functions are pure. Every piece of feed-supplied text is escaped for its format, and only http(s) URLs
/// become links or images.
public enum DigestRenderer {
    /// Renders `digest` in `format`.
    public static func render(_ digest: DigestDocument, as format: DigestFormat) -> String {
        switch format {
        case .html: html(digest)
        case .markdown: markdown(digest)
        case .text: text(digest)
        }
    }

    /// A rough output size, so the document grows its buffer once or twice rather than dozens of times.
    static func estimatedSize(_ digest: DigestDocument) -> Int {
        var entries = 0
        for group in digest.groups {
            for feed in group.feeds { entries += feed.entries.count }
        }
        return 4096 + entries * 900 + digest.health.count * 300
    }
}
