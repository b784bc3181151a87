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
    /// JSON Feeds are read whole; larger ones are refused.
    public var maximumJSONBytes: Int
    /// Finish entries (sanitize, resolve) on worker threads while the parser reads on. Worth it for one large
    /// document (`feedctl parse`); a daemon parsing many feeds at once gains nothing from it. `onEntry` is then
    /// called from a worker thread, still in document order and never concurrently.
    public var finishesEntriesInParallel: Bool

    public init(
        documentURL: String? = nil,
        httpCharset: String? = nil,
        contentLocation: String? = nil,
        maximumJSONBytes: Int = 64 << 20,
        finishesEntriesInParallel: Bool = false
    ) {
        self.documentURL = documentURL
        self.httpCharset = httpCharset
        self.contentLocation = contentLocation
        self.maximumJSONBytes = maximumJSONBytes
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
