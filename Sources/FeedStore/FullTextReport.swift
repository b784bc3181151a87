import Foundation

/// What fetching article pages for one feed's new articles came to, stored with the feed's update.
public struct FullTextReport: Sendable, Equatable {
    /// One article page as fetched: its validators for the next conditional request, and what extraction made of
    /// it (nil when nothing usable came out).
    public struct Page: Sendable, Equatable {
        public var url: String
        public var etag: String?
        public var lastModified: String?
        public var contentHTML: String?
        public var canonicalURL: String?
        /// Tries that failed in a way that may pass; the article waits for the next fetch until there are enough.
        public var failures: Int

        public init(
            url: String, etag: String? = nil, lastModified: String? = nil, contentHTML: String? = nil,
            canonicalURL: String? = nil, failures: Int = 0
        ) {
            self.failures = failures
            self.url = url
            self.etag = etag
            self.lastModified = lastModified
            self.contentHTML = contentHTML
            self.canonicalURL = canonicalURL
        }
    }

    /// Pages whose content was extracted (or still current, on a 304).
    public var extracted = 0
    /// Pages that could not be fetched or held nothing usable.
    public var failed = 0
    /// Pages that held only a paywall's teaser: not failures, the feed's own content stays.
    public var paywalled = 0
    /// Pages that failed in a way that may pass: their articles wait for the feed's next fetch.
    public var retrying = 0
    /// The last failure, in one line naming the page.
    public var lastError: String?
    /// Pages to remember.
    public var pages: [Page] = []

    public init() {}
}
