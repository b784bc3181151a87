internal import FeedHTML
import FeedModel
import Foundation

/// Where the text of each captured field goes.
extension FeedXMLReader {
    func finishCapture(_ capture: Capture) {
        var field = capture.field
        var construct = TextConstruct(utf8: capture.buffer, kind: capture.kind, base: capture.base)
        if case .base64(let target, let mediaType) = field {
            // Binary content (an image, a PDF) has no text to show.
            guard let decoded = Self.decodeBase64(capture.string, mediaType: mediaType, base: capture.base) else {
                return
            }
            field = target
            construct = decoded
        }
        // Text constructs (often whole articles) stay bytes until an entry is finished, off this thread; only the
        // small fields are read as strings here.
        let raw = Self.isTextConstruct(field) ? "" : construct.value
        let trimmed = raw.trimmingASCIIWhitespace()
        let link = LinkValue(raw: trimmed, base: capture.base)
        switch field {
        case .personName: person.name = nonEmpty(HTMLPlainText.text(fromMarkup: raw))
        case .personEmail: person.email = nonEmpty(trimmed)
        case .personURI:
            // Resolved now (an Author holds strings), against the channel link when nothing closer gives a base.
            var refused: [LinkRefusal] = []
            let uri = nonEmpty(trimmed).flatMap {
                LinkValue(raw: $0, base: capture.base).resolved(
                    fallbackBase: fallbackBase(), as: "author URI", allowsMailto: true,
                    refused: &refused)
            }
            person.uri = uri?.isEmpty == true ? nil : uri
            linkRefusals.record(refused, owner: isInEntry ? "an entry" : "the feed")
        default:
            if isInEntry {
                finishEntryField(field, raw: raw, trimmed: trimmed, construct: construct, link: link)
            } else {
                finishFeedField(field, raw: raw, trimmed: trimmed, construct: construct, link: link)
            }
        }
    }

    func finishPerson(isEntry: Bool) {
        defer { person = Author() }
        guard !person.isEmpty else { return }
        if isEntry {
            entry?.authors.append(person, cappedAt: FeedLimits.authorsPerItem)
        } else {
            feed.authors.append(person, cappedAt: FeedLimits.authorsPerItem)
        }
    }

    private func finishEntryField(
        _ field: Field, raw: String, trimmed: String, construct: TextConstruct, link: LinkValue
    ) {
        // Mutated in place through the optional: moving it out and back still copied the accumulator's two dozen
        // fields (a retain and a release each) for every field read.
        entry?.apply(field, raw: raw, trimmed: trimmed, construct: construct, link: link)
    }

    private func finishFeedField(
        _ field: Field, raw: String, trimmed: String, construct: TextConstruct, link: LinkValue
    ) {
        switch field {
        case .title:
            if feed.title == nil || feed.titleIsFallback { feed.title = construct; feed.titleIsFallback = false }
        case .fallbackTitle: if feed.title == nil { feed.title = construct; feed.titleIsFallback = true }
        case .subtitle: if feed.subtitle == nil { feed.subtitle = construct }
        case .fallbackSubtitle, .summary, .fallbackSummary:
            if feed.fallbackSubtitle == nil { feed.fallbackSubtitle = construct }
        case .link: if feed.link == nil || feed.linkIsTentative { feed.link = link; feed.linkIsTentative = false }
        case .language: if feed.language == nil { feed.language = trimmed }
        case .updated, .lastBuildDate: if feed.updated == nil { feed.updated = date(trimmed) }
        case .pubDate, .published: if feed.pubDate == nil { feed.pubDate = date(trimmed) }
        case .dcDate: if feed.dcDate == nil { feed.dcDate = date(trimmed) }
        case .generator: if feed.generator == nil { feed.generator = HTMLPlainText.text(fromMarkup: raw) }
        case .imageURL, .logo: if feed.image == nil && !trimmed.isEmpty { feed.image = link }
        case .icon: if feed.icon == nil { feed.icon = link }
        case .rights: if feed.rights == nil { feed.rights = construct }
        case .ttl: feed.ttl = Self.integer(trimmed)
        case .rssAuthor, .dcCreator:
            if let author = PersonParser.parse(HTMLPlainText.text(fromMarkup: raw)) {
                feed.authors.appendUnique(author, cappedAt: FeedLimits.authorsPerItem)
            }
        case .itunesAuthor: if feed.fallbackAuthor == nil { feed.fallbackAuthor = PersonParser.parse(raw) }
        case .category:
            let text = construct.plainText()
            if !text.isEmpty { feed.categories.appendUnique(text, cappedAt: FeedLimits.categoriesPerItem) }
        case .updatePeriod: feed.updatePeriod = nonEmpty(trimmed)
        case .updateFrequency: feed.updateFrequency = Self.integer(trimmed)
        case .keywords, .guid, .atomID, .content, .base64, .comments, .commentFeed, .originalLink, .commentCount,
            .duration, .personName, .personEmail, .personURI:
            break
        }
    }

    private static func isTextConstruct(_ field: Field) -> Bool {
        switch field {
        case .title, .fallbackTitle, .subtitle, .fallbackSubtitle, .summary, .fallbackSummary, .content, .rights:
            return true
        default: return false
        }
    }

    private func date(_ text: String) -> Date? {
        FeedDateParser.parse(text)
    }

    /// Base64 content (Atom `mode="base64"` or a non-text media type): text kinds become content, binary is
    /// dropped.
    static func decodeBase64(_ text: String, mediaType: String, base: String?) -> TextConstruct? {
        guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else { return nil }
        let kind: TextKind
        switch mediaType {
        case "html", "text/html": kind = .html
        case "xhtml", "application/xhtml+xml": kind = .html
        case let type where type.hasPrefix("text/") || type == "text": kind = .text
        case "application/octet-stream":
            // Atom 1.0 base64-encodes any other media type. Untyped bytes that decode to clean text are shown (as
            // HTML, the way feedparser reads them); binary content (NUL bytes, invalid UTF-8) is not.
            guard !data.contains(0), String(validating: data, as: UTF8.self) != nil else { return nil }
            kind = .html
        default:
            return nil
        }
        return TextConstruct(value: String(decoding: data, as: UTF8.self), kind: kind, base: base)
    }

    /// itunes:duration: "1:02:03", "62:03" or seconds ("3723", "3723.5").
    static func duration(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var total = 0
        for (index, part) in parts.enumerated() {
            let isLast = index == parts.count - 1
            let digits = isLast ? (part.split(separator: ".").first ?? "") : part
            guard !digits.isEmpty, digits.count <= 9, let value = Int(digits), value >= 0 else { return nil }
            total = total * 60 + value
        }
        return total
    }
}

extension EntryAccumulator {
    /// Takes one field of the entry, read whole, unless an earlier or stronger source already set it.
    fileprivate mutating func apply(
        _ field: Field, raw: String, trimmed: String, construct: TextConstruct, link: LinkValue
    ) {
        switch field {
        case .title:
            if self.title == nil || self.titleIsFallback {
                self.title = construct; self.titleIsFallback = false
            }
        case .fallbackTitle: if self.title == nil { self.title = construct; self.titleIsFallback = true }
        case .link:
            if self.link == nil || self.linkIsTentative { self.link = link; self.linkIsTentative = false }
        case .guid(let isPermaLink):
            if self.guid == nil {
                self.guid = trimmed
                self.guidIsPermaLink = isPermaLink
                self.guidBase = construct.base
            }
        case .atomID: if self.atomID == nil { self.atomID = trimmed }
        case .summary: if self.summary == nil { self.summary = construct }
        case .fallbackSummary, .subtitle, .fallbackSubtitle:
            if self.fallbackSummary == nil { self.fallbackSummary = construct }
        case .content: if self.content == nil { self.content = construct }
        case .published, .dcDate, .pubDate:
            if self.published == nil { self.published = FeedDateParser.parse(trimmed) }
        case .updated, .lastBuildDate:
            if self.updated == nil { self.updated = FeedDateParser.parse(trimmed) }
        case .rssAuthor, .dcCreator:
            if let author = PersonParser.parse(HTMLPlainText.text(fromMarkup: raw)) {
                self.authors.appendUnique(author, cappedAt: FeedLimits.authorsPerItem)
            }
        case .itunesAuthor:
            if self.fallbackAuthor == nil { self.fallbackAuthor = PersonParser.parse(raw) }
        case .category:
            let text = construct.plainText()
            if !text.isEmpty { self.categories.appendUnique(text, cappedAt: FeedLimits.categoriesPerItem) }
        case .keywords:
            for keyword in raw.split(separator: ",") {
                let text = String(keyword).collapsingWhitespace()
                if !text.isEmpty { self.categories.appendUnique(text, cappedAt: FeedLimits.categoriesPerItem) }
            }
        case .comments: if self.comments == nil { self.comments = link }
        case .commentFeed: if self.commentFeed == nil { self.commentFeed = link }
        case .originalLink: if self.originalLink == nil && !trimmed.isEmpty { self.originalLink = link }
        case .commentCount: self.commentCount = FeedXMLReader.integer(trimmed) ?? self.commentCount
        case .duration: self.duration = FeedXMLReader.duration(trimmed)
        case .language: if self.language == nil { self.language = trimmed }
        case .rights: if self.rights == nil { self.rights = construct }
        case .imageURL, .logo, .icon: if self.image == nil && !trimmed.isEmpty { self.image = link }
        case .generator, .ttl, .updatePeriod, .updateFrequency, .personName, .personEmail, .personURI, .base64:
            break
        }
    }
}
