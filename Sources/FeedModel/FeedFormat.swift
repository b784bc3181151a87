/// The syndication format a document was written in.
public enum FeedFormat: String, Sendable, Hashable, Codable {
    /// RSS 0.9x and 2.0 (the `<rss>` root).
    case rss
    /// RSS 0.90 and 1.0 (the RDF root).
    case rdf
    /// Atom 0.3 and 1.0.
    case atom
    /// JSON Feed 1.0 and 1.1.
    case json
}
