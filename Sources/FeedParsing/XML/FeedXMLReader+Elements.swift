internal import FeedHTML
import FeedModel
import Foundation

/// What each element means, by namespace, local name and context.
extension FeedXMLReader {
    func classify(
        _ namespace: FeedNamespace, _ local: String, parent: Role, attributes: XMLAttributes, base: String?
    ) -> Role {
        switch parent {
        case .document:
            return classifyRoot(namespace, local, attributes: attributes)
        case .ignored, .field, .markup, .wrapper:
            return .ignored
        case .channelImage:
            if local == "url" && (namespace.isRSS || namespace.isRDFChannel) {
                beginCapture(.imageURL, base: base)
                return .field
            }
            return .ignored
        case .person:
            guard namespace.isAtom || namespace == .none else { return .ignored }
            switch local {
            case "name": beginCapture(.personName, base: base)
            case "email": beginCapture(.personEmail, base: base)
            case "uri", "url", "homepage": beginCapture(.personURI, base: base)
            default: return .ignored
            }
            return .field
        case .root, .channel, .entry, .mediaContainer, .transparent:
            break
        }
        if isInEntry {
            let isRSSItem = local == "item" && (namespace.isRSS || namespace.isRDFChannel) && format != .atom
            if isRSSItem || (local == "entry" && (namespace.isAtom || (format == .atom && namespace == .none))) {
                // An entry opened inside an entry: an earlier one was never closed (libxml2's recovery nests what
                // follows an unclosed tag). Read it as the next entry, as a browser-grade parser would.
                deliverEntry()
                startEntry()
                if let about = attributes.value("about", namespace: "http://www.w3.org/1999/02/22-rdf-syntax-ns#") {
                    entry?.rdfAbout = about.trimmingASCIIWhitespace()
                }
                return .entry
            }
            return classifyInEntry(namespace, local, parent: parent, attributes: attributes, base: base)
        }
        return classifyInFeed(namespace, local, parent: parent, attributes: attributes, base: base)
    }

    // MARK: - Root

    private func classifyRoot(_ namespace: FeedNamespace, _ local: String, attributes: XMLAttributes) -> Role {
        switch (namespace, local) {
        case (.none, "rss"), (.rss2, "rss"):
            setRoot(format: .rss, version: Self.rssVersion(attributes.value("version")))
            return .root
        case (.rdf, "RDF"):
            // RSS 0.90 is RDF too; its namespace as the default says so before any channel or item does.
            if attributes.declaredDefaultNamespace.map({ FeedNamespace(uri: $0) }) == .rss090 {
                setRoot(format: .rss, version: "0.90")
            } else {
                setRoot(format: .rdf, version: "1.0")
            }
            return .root
        case (.atom10, "feed"):
            setRoot(format: .atom, version: "1.0")
            feed.rootLanguage = attributes.value("lang", namespace: "http://www.w3.org/XML/1998/namespace")
            return .root
        case (.atom03, "feed"):
            setRoot(format: .atom, version: "0.3")
            feed.rootLanguage = attributes.value("lang", namespace: "http://www.w3.org/XML/1998/namespace")
            return .root
        case (.preAtom, "feed"):
            setRoot(format: .atom, version: "0.3")
            return .root
        case (.none, "feed"):
            let declared = attributes.value("version")?.trimmingASCIIWhitespace() ?? ""
            setRoot(format: .atom, version: declared == "0.3" || declared == "1.0" ? declared : "")
            return .root
        case (.none, "channel"), (.rss2, "channel"):
            setRoot(format: .rss, version: "")
            return .channel
        default:
            rejectRoot(local)
            return .ignored
        }
    }

    /// "2.0.1" and "2.00" count as "2.0"; anything unknown is "".
    static func rssVersion(_ declared: String?) -> String {
        guard let declared = declared?.trimmingASCIIWhitespace() else { return "" }
        switch declared {
        case "0.90", "0.91", "0.92", "0.93", "0.94", "2.0": return declared
        case "0.9": return "0.90"
        case "2", "2.00", "2.0.1": return "2.0"
        // Every RSS 2.x is read as 2.0, as feedparser does: there never was another.
        default: return declared.hasPrefix("2.") ? "2.0" : ""
        }
    }

    // MARK: - Feed level

    private func classifyInFeed(
        _ namespace: FeedNamespace, _ local: String, parent: Role, attributes: XMLAttributes, base: String?
    ) -> Role {
        if namespace.isRSS || namespace.isRDFChannel {
            if format == .atom && namespace == .none {
                // Atom 0.3 documents without a namespace.
                return classifyAtomInFeed(local, attributes: attributes, base: base)
            }
            switch local {
            case "channel":
                if namespace == .rss090 { setRoot(format: .rss, version: "0.90") }
                return .channel
            case "item":
                if namespace == .rss090 { setRoot(format: .rss, version: "0.90") }
                startEntry()
                if let about = attributes.value("about", namespace: "http://www.w3.org/1999/02/22-rdf-syntax-ns#") {
                    entry?.rdfAbout = about.trimmingASCIIWhitespace()
                }
                return .entry
            case "image": return .channelImage
            case "title": beginCapture(.title, kind: .html, base: base)
            case "link": beginCapture(.link, base: base)
            case "description": beginCapture(.subtitle, kind: .html, base: base)
            case "language": beginCapture(.language, base: base)
            case "copyright": beginCapture(.rights, kind: .html, base: base)
            case "managingEditor", "author": beginCapture(.rssAuthor, base: base)
            case "pubDate": beginCapture(.pubDate, base: base)
            case "lastBuildDate": beginCapture(.lastBuildDate, base: base)
            case "generator": beginCapture(.generator, base: base)
            case "ttl": beginCapture(.ttl, base: base)
            case "category": beginCapture(.category, kind: .html, base: base)
            default: return .ignored
            }
            return .field
        }
        switch namespace {
        case .atom10, .atom03, .preAtom:
            return classifyAtomInFeed(local, attributes: attributes, base: base)
        case .dc, .dcterms:
            switch local {
            case "creator", "author": beginCapture(.dcCreator, base: base)
            case "date", "modified", "issued", "created": beginCapture(.dcDate, base: base)
            case "title": beginCapture(.fallbackTitle, kind: .html, base: base)
            case "subject": beginCapture(.category, kind: .html, base: base)
            case "rights": beginCapture(.rights, kind: .html, base: base)
            case "language": beginCapture(.language, base: base)
            case "description": beginCapture(.fallbackSubtitle, kind: .html, base: base)
            default: return .ignored
            }
            return .field
        case .sy:
            switch local {
            case "updatePeriod": beginCapture(.updatePeriod, base: base)
            case "updateFrequency": beginCapture(.updateFrequency, base: base)
            default: return .ignored
            }
            return .field
        case .itunes:
            switch local {
            case "author": beginCapture(.itunesAuthor, base: base)
            case "summary", "subtitle": beginCapture(.fallbackSubtitle, kind: .text, base: base)
            case "image":
                if feed.fallbackImage == nil, let href = attributes.value("href") ?? attributes.value("url") {
                    feed.fallbackImage = LinkValue(raw: href, base: base)
                }
                return .ignored
            case "category":
                if let text = attributes.value("text") { addFeedCategory(text) }
                return .transparent
            default: return .ignored
            }
            return .field
        case .media:
            if local == "thumbnail", feed.fallbackImage == nil, let url = attributes.value("url") {
                feed.fallbackImage = LinkValue(raw: url, base: base)
            }
            return .ignored
        default:
            return .ignored
        }
    }

    private func classifyAtomInFeed(_ local: String, attributes: XMLAttributes, base: String?) -> Role {
        switch local {
        case "entry":
            startEntry()
            return .entry
        case "title": beginAtomText(.title, attributes: attributes, base: base)
        case "subtitle", "tagline": beginAtomText(.subtitle, attributes: attributes, base: base)
        case "rights", "copyright": beginAtomText(.rights, attributes: attributes, base: base)
        case "updated", "modified": beginCapture(.updated, base: base)
        case "generator": beginCapture(.generator, base: base)
        case "icon": beginCapture(.icon, base: base)
        case "logo": beginCapture(.logo, base: base)
        case "author":
            person = Author()
            return .person(isEntry: false)
        case "link":
            atomLink(attributes, base: base)
            return .ignored
        case "category":
            if let term = attributes.value("term") ?? attributes.value("label") { addFeedCategory(term) }
            return .ignored
        default:
            return .ignored
        }
        return .field
    }

    // MARK: - Entry level

    private func classifyInEntry(
        _ namespace: FeedNamespace, _ local: String, parent: Role, attributes: XMLAttributes, base: String?
    ) -> Role {
        if namespace.isRSS || namespace.isRDFChannel {
            if format == .atom && namespace == .none {
                return classifyAtomInEntry(local, attributes: attributes, base: base)
            }
            switch local {
            case "title": beginCapture(.title, kind: .html, base: base)
            case "link": beginCapture(.link, base: base)
            case "description": beginCapture(.summary, kind: .html, base: base)
            case "guid":
                let permaLink = attributes.value("isPermaLink")?.trimmingASCIIWhitespace().lowercased() != "false"
                beginCapture(.guid(isPermaLink: permaLink), base: base)
            case "pubDate": beginCapture(.pubDate, base: base)
            case "author": beginCapture(.rssAuthor, base: base)
            case "category": beginCapture(.category, kind: .html, base: base)
            case "comments": beginCapture(.comments, base: base)
            // Before content:encoded, RSS items carried whole articles as `body` (inline XHTML, often without its
            // namespace) or as `fullitem` (escaped HTML); feedparser reads both as content.
            case "body": beginCapture(.content, kind: .xhtml, base: base)
            case "fullitem": beginCapture(.content, kind: .html, base: base)
            case "enclosure":
                if let url = attributes.value("url") {
                    entry?.enclosures.append(
                        (
                            LinkValue(raw: url, base: base), nonEmpty(attributes.value("type")),
                            Self.integer(attributes.value("length")), nil
                        ),
                        cappedAt: FeedLimits.enclosuresPerItem)
                }
                return .ignored
            default:
                return .ignored
            }
            return .field
        }
        switch namespace {
        case .atom10, .atom03, .preAtom:
            return classifyAtomInEntry(local, attributes: attributes, base: base)
        case .content:
            guard local == "encoded" else { return .ignored }
            beginCapture(.content, kind: .html, base: base)
        case .dc, .dcterms:
            switch local {
            case "creator", "author": beginCapture(.dcCreator, base: base)
            case "title": beginCapture(.fallbackTitle, kind: .html, base: base)
            case "date", "created", "issued": beginCapture(.dcDate, base: base)
            case "modified": beginCapture(.updated, base: base)
            case "subject": beginCapture(.category, kind: .html, base: base)
            case "rights": beginCapture(.rights, kind: .html, base: base)
            case "language": beginCapture(.language, base: base)
            case "description":
                guard needsFallbackSummary else { return .ignored }
                beginCapture(.fallbackSummary, kind: .html, base: base)
            default: return .ignored
            }
        case .media:
            return classifyMediaInEntry(local, attributes: attributes, base: base)
        case .itunes:
            switch local {
            case "author": beginCapture(.itunesAuthor, base: base)
            case "summary":
                guard needsFallbackSummary else { return .ignored }
                beginCapture(.fallbackSummary, kind: .text, base: base)
            case "duration": beginCapture(.duration, base: base)
            case "category":
                if let text = attributes.value("text") { addEntryCategory(text) }
                return .transparent
            case "keywords": beginCapture(.keywords, base: base)
            case "image":
                if entry?.image == nil, let href = attributes.value("href") ?? attributes.value("url") {
                    entry?.image = LinkValue(raw: href, base: base)
                }
                return .ignored
            default: return .ignored
            }
        case .slash:
            guard local == "comments" else { return .ignored }
            beginCapture(.commentCount, base: base)
        case .thread:
            guard local == "total" else { return .ignored }
            beginCapture(.commentCount, base: base)
        case .wfw:
            guard local == "commentRss" || local == "commentRSS" else { return .ignored }
            beginCapture(.commentFeed, base: base)
        case .feedburner:
            guard local == "origLink" else { return .ignored }
            beginCapture(.originalLink, base: base)
        case .xhtml:
            guard local == "body" else { return .ignored }
            beginCapture(.content, kind: .xhtml, base: base)
        default:
            return .ignored
        }
        return .field
    }

    private func classifyAtomInEntry(_ local: String, attributes: XMLAttributes, base: String?) -> Role {
        switch local {
        case "id": beginCapture(.atomID, base: base)
        case "title": beginAtomText(.title, attributes: attributes, base: base)
        case "summary": beginAtomText(.summary, attributes: attributes, base: base)
        case "content":
            if let source = attributes.value("src") {
                entry?.contentSource = LinkValue(raw: source, base: base)
                return .ignored
            }
            beginAtomText(.content, attributes: attributes, base: base)
        case "rights", "copyright": beginAtomText(.rights, attributes: attributes, base: base)
        case "published", "issued", "created": beginCapture(.published, base: base)
        case "updated", "modified": beginCapture(.updated, base: base)
        case "author":
            person = Author()
            return .person(isEntry: true)
        case "link":
            atomLink(attributes, base: base)
            return .ignored
        case "category":
            if let term = attributes.value("term") ?? attributes.value("label") { addEntryCategory(term) }
            return .ignored
        default:
            // atom:source, contributor and extensions: not this entry's own data.
            return .ignored
        }
        return .field
    }

    private func classifyMediaInEntry(_ local: String, attributes: XMLAttributes, base: String?) -> Role {
        switch local {
        case "group":
            return .mediaContainer
        case "content":
            if let url = attributes.value("url") {
                entry?.enclosures.append(
                    (
                        LinkValue(raw: url, base: base), nonEmpty(attributes.value("type")),
                        Self.integer(attributes.value("fileSize")), Self.integer(attributes.value("duration"))
                    ),
                    cappedAt: FeedLimits.enclosuresPerItem)
                if entry?.image == nil, attributes.value("medium") == "image" {
                    entry?.image = LinkValue(raw: url, base: base)
                }
            }
            return .mediaContainer
        case "thumbnail":
            if entry?.image == nil, let url = attributes.value("url") {
                entry?.image = LinkValue(raw: url, base: base)
            }
            return .ignored
        case "title":
            let kind: TextKind = attributes.value("type")?.lowercased() == "html" ? .html : .text
            beginCapture(.fallbackTitle, kind: kind, base: base)
            return .field
        case "category":
            beginCapture(.category, kind: .text, base: base)
            return .field
        case "description":
            guard needsFallbackSummary else { return .ignored }
            let kind: TextKind = attributes.value("type")?.lowercased() == "html" ? .html : .text
            beginCapture(.fallbackSummary, kind: kind, base: base)
            return .field
        default:
            return .ignored
        }
    }

    // MARK: - Shared pieces

    /// Whether a fallback summary (itunes:summary, media:description, dc:description) is still worth reading: not
    /// when the entry already has one or a summary of its own (a hostile entry could repeat them to fill memory).
    private var needsFallbackSummary: Bool {
        entry?.summary == nil && entry?.fallbackSummary == nil
    }

    /// Starts capturing an Atom text construct, reading `type` (and Atom 0.3's `mode`).
    private func beginAtomText(_ field: Field, attributes: XMLAttributes, base: String?) {
        let type = nonEmpty(attributes.value("type"))?.lowercased()
        let mode = attributes.value("mode")?.trimmingASCIIWhitespace().lowercased()
        if mode == "base64" {
            beginCapture(.base64(field, mediaType: type ?? "text/plain"), base: base)
            return
        }
        switch type ?? (mode == "escaped" ? "html" : "text") {
        case "text", "text/plain":
            beginCapture(field, kind: mode == "escaped" && type == nil ? .html : .text, base: base)
        case "html", "text/html":
            // TypePad wraps escaped HTML in an XHTML div as if it were `type="xhtml"`: the wrapper is not content.
            beginCapture(field, kind: .html, base: base, unwrapXHTMLDiv: true)
        case "xhtml":
            beginCapture(field, kind: mode == "escaped" ? .html : .xhtml, base: base, unwrapXHTMLDiv: true)
        case "application/xhtml+xml":
            // Only Atom 1.0's `type="xhtml"` wraps its markup in a div that is not content. A media type (Atom 0.3's
            // way to say XHTML) carries the markup as it is, so a div there is the author's, and is kept.
            beginCapture(field, kind: mode == "escaped" ? .html : .xhtml, base: base)
        case let other where other.hasSuffix("+xml") || other.hasSuffix("/xml"):
            beginCapture(field, kind: .xhtml, base: base)
        case let other where other.hasPrefix("text/"):
            beginCapture(field, kind: .text, base: base)
        case let other:
            // Atom 1.0: any other media type is base64-encoded.
            beginCapture(.base64(field, mediaType: other), base: base)
        }
    }

    /// An Atom `link` (in an Atom document, or atom:link inside RSS).
    private func atomLink(_ attributes: XMLAttributes, base: String?) {
        guard let href = attributes.value("href") else { return }
        let rel = attributes.value("rel")?.trimmingASCIIWhitespace().lowercased() ?? "alternate"
        let type = nonEmpty(attributes.value("type"))?.lowercased()
        let link = LinkValue(raw: href, base: base)
        let isHTML = type == nil || type!.contains("html")
        if isInEntry {
            switch rel {
            case "alternate", "http://www.iana.org/assignments/relation/alternate":
                if entry?.link == nil || (isHTML && entry?.linkIsTentative == true) {
                    entry?.link = link
                    entry?.linkIsTentative = !isHTML
                }
            case "enclosure":
                entry?.enclosures.append(
                    (link, type, Self.integer(attributes.value("length")), nil), cappedAt: FeedLimits.enclosuresPerItem)
            case "replies":
                if isHTML {
                    if entry?.comments == nil { entry?.comments = link }
                } else if entry?.commentFeed == nil {
                    entry?.commentFeed = link
                }
                if let count = Self.integer(
                    attributes.value("count", namespace: "http://purl.org/syndication/thread/1.0"))
                {
                    entry?.commentCount = count
                }
            default:
                break
            }
            return
        }
        switch rel {
        case "alternate":
            if feed.link == nil || (isHTML && feed.linkIsTentative) {
                feed.link = link
                feed.linkIsTentative = !isHTML
            }
        case "self":
            if feed.selfLink == nil { feed.selfLink = link }
        case "hub":
            feed.hubs.append(link, cappedAt: FeedLimits.hubs)
        default:
            break
        }
    }

    private func addFeedCategory(_ raw: String) {
        let text = HTMLPlainText.text(fromMarkup: raw)
        if !text.isEmpty { feed.categories.appendUnique(text, cappedAt: FeedLimits.categoriesPerItem) }
    }

    private func addEntryCategory(_ raw: String) {
        let text = HTMLPlainText.text(fromMarkup: raw)
        if !text.isEmpty { entry?.categories.appendUnique(text, cappedAt: FeedLimits.categoriesPerItem) }
    }

    func nonEmpty(_ string: String?) -> String? {
        guard let trimmed = string?.trimmingASCIIWhitespace(), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// A non-negative integer, or nil for anything that is not one.
    static func integer(_ string: String?) -> Int? {
        guard let trimmed = string?.trimmingASCIIWhitespace(), !trimmed.isEmpty, trimmed.utf8.count <= 18,
            let value = Int(trimmed), value >= 0
        else { return nil }
        return value
    }
}
