/// The XML namespaces feedd understands, matched by URI (never by prefix).
enum FeedNamespace: UInt8 {
    /// No namespace: RSS 0.9x/2.0 elements, and Atom 0.3 documents that forgot theirs.
    case none
    /// The namespaces some RSS 2.0 feeds declare as their default (Userland, Harvard).
    case rss2
    case rss10
    case rss090
    case rdf
    case atom10
    case atom03
    /// Namespaces of Atom's drafts before 0.3 ("Echo", "Pie"): read as Atom 0.3.
    case preAtom
    case content
    case dc
    case dcterms
    case media
    case itunes
    case slash
    case wfw
    case sy
    case xhtml
    case thread
    /// FeedBurner's extensions (`feedburner:origLink`).
    case feedburner
    case other

    /// Classifies a namespace URI.
    init(uri: String) {
        // Namespace URIs are compared without case, and every Userland RSS namespace ("…/rss", "…/rss2",
        // "…/rss2.1") means RSS's own elements, as feedparser reads them.
        let uri = uri.lowercased()
        if uri.contains("backend.userland.com/rss") {
            self = .rss2
            return
        }
        switch uri {
        case "": self = .none
        case "http://blogs.law.harvard.edu/tech/rss":
            self = .rss2
        case "http://purl.org/rss/1.0/", "http://purl.org/rss/1.0": self = .rss10
        case "http://my.netscape.com/rdf/simple/0.9/": self = .rss090
        case "http://www.w3.org/1999/02/22-rdf-syntax-ns#": self = .rdf
        case "http://www.w3.org/2005/atom": self = .atom10
        case "http://purl.org/atom/ns#": self = .atom03
        case "http://purl.org/echo/", "http://purl.org/pie/", "http://example.com/newformat#",
            "http://example.com/necho", "uri/of/echo/namespace#":
            self = .preAtom
        case "http://purl.org/rss/1.0/modules/content/": self = .content
        case "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/elements/1.0/": self = .dc
        case "http://purl.org/dc/terms/": self = .dcterms
        case "http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss", "https://search.yahoo.com/mrss/":
            self = .media
        case "http://www.itunes.com/dtds/podcast-1.0.dtd", "https://www.itunes.com/dtds/podcast-1.0.dtd":
            self = .itunes
        case "http://purl.org/rss/1.0/modules/slash/": self = .slash
        case "http://wellformedweb.org/commentapi/": self = .wfw
        case "http://purl.org/rss/1.0/modules/syndication/": self = .sy
        case "http://www.w3.org/1999/xhtml": self = .xhtml
        case "http://purl.org/syndication/thread/1.0": self = .thread
        case "http://rssnamespace.org/feedburner/ext/1.0": self = .feedburner
        default: self = .other
        }
    }

    /// What an undeclared prefix conventionally stands for; `.other` for prefixes with no fixed meaning.
    init(undeclaredPrefix prefix: String) {
        switch prefix {
        case "content": self = .content
        case "dc": self = .dc
        case "dcterms": self = .dcterms
        case "media": self = .media
        case "itunes": self = .itunes
        case "slash": self = .slash
        case "wfw": self = .wfw
        case "sy": self = .sy
        case "atom", "atom10": self = .atom10
        case "rdf": self = .rdf
        case "xhtml": self = .xhtml
        case "thr": self = .thread
        case "feedburner": self = .feedburner
        default: self = .other
        }
    }

    /// RSS's own elements: no namespace, or a default namespace some RSS 2.0 feeds declare.
    var isRSS: Bool { self == .none || self == .rss2 }
    /// Atom 1.0 or 0.3.
    var isAtom: Bool { self == .atom10 || self == .atom03 || self == .preAtom }
    /// The elements of RSS 1.0 / 0.90 documents.
    var isRDFChannel: Bool { self == .rss10 || self == .rss090 }
}
