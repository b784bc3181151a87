import FeedExtraction
import FeedFetching
import FeedModel
import FeedParsing
import FeedStore

/// Reads a fetched body as the feed's kind says: a feed document, or (`kind = "html"`) a page's items.
public enum FeedSourceReader {
    /// The document `response` holds for `feed`.
    ///
    /// - Throws: the parser's error, which the caller reports after the feed's URL.
    public static func document(from response: FetchResponse, of feed: StoredFeed) throws -> FeedDocument {
        try document(from: response, options: feed.options)
    }

    /// The document `response` holds for a feed with `options`.
    public static func document(from response: FetchResponse, options: FeedOptions) throws -> FeedDocument {
        if options.kind == .html, let selectors = options.selectors {
            // The configuration checked the selectors when it loaded; a store written by another build may not.
            let rules = try HTMLItemRules(selectors)
            return try HTMLPageFeed.document(
                from: response.body, url: response.finalURL, httpCharset: response.charset, rules: rules)
        }
        return try FeedParser.parse(
            response.body,
            options: FeedParserOptions(
                documentURL: response.finalURL, httpCharset: response.charset,
                contentLocation: response.contentLocation))
    }
}
