internal import FeedHTML
import FeedModel
import Foundation

/// What the reader has collected about one entry so far; `finish` turns it into an `Entry`.
struct EntryAccumulator: Sendable {
    var guid: String?
    var guidIsPermaLink = true
    var guidBase: String?
    var atomID: String?
    var rdfAbout: String?
    var title: TextConstruct?
    /// True while `title` came from dc:title or media:title: the element's own title replaces it.
    var titleIsFallback = false
    var link: LinkValue?
    /// True while `link` came from an alternate link whose type is not HTML: an HTML one may replace it.
    var linkIsTentative = false
    var published: Date?
    var updated: Date?
    var authors: [Author] = []
    /// itunes:author, used only when nothing better names the author.
    var fallbackAuthor: Author?
    var summary: TextConstruct?
    /// itunes:summary, media:description, dc:description: used only when there is no summary.
    var fallbackSummary: TextConstruct?
    var content: TextConstruct?
    var contentSource: LinkValue?
    var categories: [String] = []
    var enclosures: [(link: LinkValue, type: String?, length: Int?, duration: Int?)] = []
    var duration: Int?
    var comments: LinkValue?
    var commentFeed: LinkValue?
    var originalLink: LinkValue?
    var commentCount: Int?
    var image: LinkValue?
    var language: String?
    var rights: TextConstruct?

    /// Roughly how much text finishing this entry will go through (its HTML above all).
    var textSize: Int {
        (content?.byteCount ?? 0) + (summary?.byteCount ?? 0) + (fallbackSummary?.byteCount ?? 0)
            + (title?.byteCount ?? 0) + 256
    }

    /// The entry, its URLs resolved against their base or `fallbackBase` (the document URL or channel link); the
    /// URLs `LinkPolicy` refuses are left out and recorded in `refusals`.
    func finish(fallbackBase: String?, refusals: LinkRefusals) -> Entry {
        var refused: [LinkRefusal] = []
        func resolve(_ value: LinkValue?, _ field: String) -> String? {
            value?.resolved(fallbackBase: fallbackBase, as: field, refused: &refused)
        }
        var entry = Entry()
        entry.title = title?.plainText()
        entry.link = resolve(link, "link")
        if entry.link?.isEmpty ?? true, guidIsPermaLink, let guid, isWebURL(guid) {
            entry.link = resolve(LinkValue(raw: guid, base: guidBase), "permalink guid")
        }
        entry.published = published
        entry.updated = updated
        entry.authors = authors.isEmpty ? (fallbackAuthor.map { [$0] } ?? []) : authors
        entry.summary = (summary ?? fallbackSummary)?.html(fallbackBase: fallbackBase)
        entry.content = content?.html(fallbackBase: fallbackBase)
        entry.contentSource = resolve(contentSource, "content source")
        entry.categories = categories
        var seen = Set<String>()
        for enclosure in enclosures {
            guard let url = resolve(enclosure.link, "enclosure"), !url.isEmpty, seen.insert(url).inserted else {
                continue
            }
            entry.enclosures.append(
                Enclosure(url: url, type: enclosure.type, length: enclosure.length, duration: enclosure.duration)
            )
        }
        if let duration, !entry.enclosures.isEmpty, entry.enclosures[0].duration == nil {
            entry.enclosures[0].duration = duration
        }
        entry.comments = resolve(comments, "comments link")
        entry.commentFeed = resolve(commentFeed, "comment feed")
        entry.originalLink = resolve(originalLink, "original link")
        entry.commentCount = commentCount
        entry.image = resolve(image, "image")
        entry.language = language
        entry.rights = rights?.plainText()

        if let id = [guid, atomID, rdfAbout].lazy.compactMap({ $0 }).first(where: { !$0.isEmpty }) {
            entry.id = id
        } else if let link = entry.link, !link.isEmpty {
            entry.id = link
            entry.idIsDerived = true
        } else {
            var hash = StableHash()
            hash.combine(entry.title)
            hash.combine(entry.published.map { String(Int64($0.timeIntervalSince1970)) })
            hash.combine(entry.content ?? entry.summary)
            entry.id = "urn:feedd:entry:" + hash.hexDigest
            entry.idIsDerived = true
        }
        refusals.record(refused, entryID: entry.id)
        return entry
    }

    private func isWebURL(_ string: String) -> Bool {
        let lower = string.prefix(8).lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }
}
