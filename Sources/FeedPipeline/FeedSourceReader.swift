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
        try FeedParser.parse(
            response.body,
            options: FeedParserOptions(
                documentURL: response.finalURL, httpCharset: response.charset,
                contentLocation: response.contentLocation))
    }
}
