/// An article's content as extraction found it in its page, sanitized like a feed's content.
public struct ExtractedContent: Sendable, Equatable {
    /// The content as safe HTML: `HTMLSanitizer.sanitize(_:baseURL:)` against the page's URL.
    public var html: String
    /// The content as one line of plain text.
    public var text: String
    /// The words of `text`: runs of letters and digits.
    public var wordCount: Int
    /// The page's `<link rel="canonical">`, else its `og:url`, absolute and http(s); nil when it has neither.
    public var canonicalURL: String?
    /// The page's `og:title`, else its `<title>`, as plain text.
    public var title: String?
    /// The content is a paywall's teaser: short, on a page that marks itself as for subscribers.
    public var isPaywallStub: Bool

    public init(
        html: String, text: String, wordCount: Int, canonicalURL: String?, title: String?, isPaywallStub: Bool
    ) {
        self.html = html
        self.text = text
        self.wordCount = wordCount
        self.canonicalURL = canonicalURL
        self.title = title
        self.isPaywallStub = isPaywallStub
    }
}
