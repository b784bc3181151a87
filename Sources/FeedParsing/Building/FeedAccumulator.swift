import FeedModel
import Foundation

/// What the reader has collected about the feed itself; `finish` turns it into a `FeedDocument` (without entries).
struct FeedAccumulator {
    var title: TextConstruct?
    /// True while `title` came from dc:title or media:title: the element's own title replaces it.
    var titleIsFallback = false
    var subtitle: TextConstruct?
    var fallbackSubtitle: TextConstruct?
    var link: LinkValue?
    /// True while `link` came from an alternate link whose type is not HTML: an HTML one may replace it.
    var linkIsTentative = false
    var selfLink: LinkValue?
    var language: String?
    var rootLanguage: String?
    var updated: Date?
    var pubDate: Date?
    var dcDate: Date?
    var generator: String?
    var image: LinkValue?
    var fallbackImage: LinkValue?
    var icon: LinkValue?
    var rights: TextConstruct?
    var ttl: Int?
    var updatePeriod: String?
    var updateFrequency: Int?
    var hubs: [LinkValue] = []
    var authors: [Author] = []
    var fallbackAuthor: Author?
    var categories: [String] = []

    /// The base for links that have none of their own: the document's URL, else the channel link (the caller
    /// passes the document's URL only when it is a web address, see `LinkPolicy`).
    func fallbackBase(documentURL: String?) -> String? {
        if let documentURL { return documentURL }
        return LinkPolicy.webBase(link?.resolved(fallbackBase: nil))
    }

    /// Fills in the feed's own fields; the URLs `LinkPolicy` refuses are left out and recorded in `refusals`.
    func finish(into document: inout FeedDocument, documentURL: String?, refusals: LinkRefusals) {
        let base = fallbackBase(documentURL: documentURL)
        var refused: [LinkRefusal] = []
        func resolve(_ value: LinkValue?, _ field: String, against base: String?) -> String? {
            value?.resolved(fallbackBase: base, as: field, refused: &refused)
        }
        document.title = title?.plainText()
        document.subtitle = (subtitle ?? fallbackSubtitle)?.html(fallbackBase: base)
        document.link = resolve(link, "link", against: documentURL)
        document.selfLink = resolve(selfLink, "self link", against: base)
        document.language = language ?? rootLanguage
        document.updated = updated ?? pubDate ?? dcDate
        document.generator = generator
        document.image = resolve(image ?? fallbackImage, "image", against: base)
        document.icon = resolve(icon, "icon", against: base)
        document.rights = rights?.plainText()
        document.ttl = ttl
        document.updateInterval = updateInterval
        document.hubs = hubs.compactMap { resolve($0, "hub", against: base) }.filter { !$0.isEmpty }
        document.authors = authors.isEmpty ? (fallbackAuthor.map { [$0] } ?? []) : authors
        document.categories = categories
        refusals.record(refused, entryID: nil)
    }

    /// sy:updatePeriod divided by sy:updateFrequency, in seconds.
    private var updateInterval: Int? {
        guard let updatePeriod else { return nil }
        let period: Int
        switch updatePeriod.lowercased() {
        case "hourly": period = 3600
        case "daily": period = 86_400
        case "weekly": period = 7 * 86_400
        case "monthly": period = 30 * 86_400
        case "yearly": period = 365 * 86_400
        default: return nil
        }
        let frequency = max(1, updateFrequency ?? 1)
        return max(1, period / frequency)
    }
}
