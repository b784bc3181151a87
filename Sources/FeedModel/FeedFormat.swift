/// The syndication format a document was written in.
public enum FeedFormat: String, Sendable, Hashable, Codable {
    /// RSS 0.90 to 0.94 and 2.0 (the `<rss>` root; 0.90, although an RDF document, counts as RSS).
    case rss
    /// RSS 1.0 (the RDF root).
    case rdf
    /// Atom 0.3 and 1.0.
    case atom
    /// JSON Feed 1.0 and 1.1.
    case json
    /// An HTML page read with the owner's selectors (a `kind = "html"` feed); its version is "".
    case html
}
