internal import FeedHTML

/// What the parser should know about a document besides its bytes.
public struct FeedParserOptions: Sendable {
    /// The document's own URL (the final URL after redirects, or a file's `file://` URL): the base for relative
    /// links when neither `xml:base` nor `contentLocation` says otherwise.
    public var documentURL: String?
    /// The charset of the HTTP Content-Type, when the document came over HTTP with one.
    public var httpCharset: String?
    /// The HTTP `Content-Location` header, when the response had one: the URL of the representation served, which
    /// RFC 2616 made the base for its relative references. Relative values are resolved against `documentURL`;
    /// anything but an http or https result is ignored.
    public var contentLocation: String?
    /// JSON Feeds larger than this are refused. (They are read as they stream in, an item at a time, so this bounds
    /// the work, not the memory.)
    public var maximumJSONBytes: Int
    /// Entries kept from one document, in every format; the ones past it are skipped and a problem says how many.
    /// The same cap for the daemon (which holds a document's entries in memory) and `feedctl parse`.
    public var maximumEntries: Int
    /// Finish entries (sanitize, resolve) on worker threads while the parser reads on. Worth it for one large
    /// document (`feedctl parse`); a daemon parsing many feeds at once gains nothing from it. `onEntry` is then
    /// called from a worker thread, still in document order and never concurrently.
    public var finishesEntriesInParallel: Bool

    /// Well above the longest real feeds (podcasts with a few thousand episodes), far below what a 15 MiB body of
    /// empty items could hold.
    public static let defaultMaximumEntries = 10_000

    public init(
        documentURL: String? = nil,
        httpCharset: String? = nil,
        contentLocation: String? = nil,
        maximumJSONBytes: Int = 64 << 20,
        maximumEntries: Int = Self.defaultMaximumEntries,
        finishesEntriesInParallel: Bool = false
    ) {
        self.documentURL = documentURL
        self.httpCharset = httpCharset
        self.contentLocation = contentLocation
        self.maximumJSONBytes = maximumJSONBytes
        self.maximumEntries = maximumEntries
        self.finishesEntriesInParallel = finishesEntriesInParallel
    }

    /// The base for the document's relative references when no `xml:base` says otherwise: the Content-Location
    /// when it names an http(s) URL, else the document's own URL.
    var baseURL: String? {
        guard let location = contentLocation?.trimmingASCIIWhitespace(), !location.isEmpty,
            let resolved = URLResolver.resolve(location, against: documentURL),
            let scheme = URLResolver.scheme(of: resolved), scheme == "http" || scheme == "https"
        else { return documentURL }
        return resolved
    }
}
