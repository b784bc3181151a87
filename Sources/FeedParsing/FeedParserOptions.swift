/// What the parser should know about a document besides its bytes.
public struct FeedParserOptions: Sendable {
    /// The document's own URL (the final URL after redirects, or a file's `file://` URL): the base for relative
    /// links when no `xml:base` says otherwise.
    public var documentURL: String?
    /// The charset of the HTTP Content-Type, when the document came over HTTP with one.
    public var httpCharset: String?
    /// JSON Feeds are read whole; larger ones are refused.
    public var maximumJSONBytes: Int
    /// Finish entries (sanitize, resolve) on worker threads while the parser reads on. Worth it for one large
    /// document (`feedctl parse`); a daemon parsing many feeds at once gains nothing from it. `onEntry` is then
    /// called from a worker thread, still in document order and never concurrently.
    public var finishesEntriesInParallel: Bool

    public init(
        documentURL: String? = nil,
        httpCharset: String? = nil,
        maximumJSONBytes: Int = 64 << 20,
        finishesEntriesInParallel: Bool = false
    ) {
        self.documentURL = documentURL
        self.httpCharset = httpCharset
        self.maximumJSONBytes = maximumJSONBytes
        self.finishesEntriesInParallel = finishesEntriesInParallel
    }
}
