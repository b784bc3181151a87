internal import FeedHTML
import FeedModel
import Foundation

/// Turns the pieces of a JSON Feed 1.0 or 1.1 document (https://jsonfeed.org/version/1.1) into the feed's fields
/// and its entries; `JSONFeedReader` cuts the document into those pieces as it streams in.
///
/// Fields that have the wrong JSON type are ignored and reported, never fatal: one bad item does not cost the
/// others. URLs go through `LinkPolicy`; refused ones are left out and recorded in the `LinkRefusals` given.
enum JSONFeedParser {
    /// Fills in the feed's own fields from the members of the top-level object.
    ///
    /// - Parameter documentURL: the document's URL when it is a web address (the base for relative links).
    static func feedFields(
        _ root: [String: Any], into document: inout FeedDocument, documentURL: String?, refusals: LinkRefusals
    ) {
        let base = self.base(root, documentURL: documentURL)
        var refused: [LinkRefusal] = []
        func resolve(_ value: Any?, _ field: String, against base: String?) -> String? {
            string(value).flatMap {
                LinkValue(raw: $0, base: nil).resolved(fallbackBase: base, as: field, refused: &refused)
            }
        }
        document.title = string(root["title"]).map { TextConstruct(value: $0, kind: .text, base: nil).plainText() }
        document.subtitle = string(root["description"]).map { HTMLEscaping.escapeText($0) }
        document.link = resolve(root["home_page_url"], "home_page_url", against: documentURL)
        document.selfLink = resolve(root["feed_url"], "feed_url", against: base)
        document.image = resolve(root["icon"], "icon", against: base)
        document.icon = resolve(root["favicon"], "favicon", against: base)
        document.language = string(root["language"])
        document.authors = authors(root, base: base, refused: &refused)
        if let hubs = root["hubs"] as? [[String: Any]] {
            document.hubs = hubs.prefix(FeedLimits.hubs).compactMap { resolve($0["url"], "hub", against: base) }
                .filter { !$0.isEmpty }
        }
        refusals.record(refused, entryID: nil)
    }

    /// The base for the feed's relative links: the document's URL, else its `home_page_url` when that is a web
    /// address.
    static func base(_ root: [String: Any], documentURL: String?) -> String? {
        documentURL ?? LinkPolicy.webBase(string(root["home_page_url"]))
    }

    /// The version a `version` URL names ("1.1", "1.0"), "" when it names none.
    static func version(_ url: String?) -> String {
        guard let url else { return "" }
        if url.hasSuffix("/version/1.1") { return "1.1" }
        if url.hasSuffix("/version/1") || url.hasSuffix("/version/1.0") { return "1.0" }
        return ""
    }

    /// True when `url` is a JSON Feed `version` URL.
    static func isVersionURL(_ url: String?) -> Bool {
        url?.contains("jsonfeed.org/version/") == true
    }

    /// Parses one JSON value (an item, a member's value, a string).
    ///
    /// - Throws: `FeedParseError.invalidJSON` saying what Foundation's parser found wrong.
    static func value(_ bytes: [UInt8]) throws(FeedParseError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw FeedParseError.invalidJSON("invalid JSON (\(Self.reason(error)))")
        }
    }

    /// One JSON value, or nil when the bytes are not one.
    static func decodeFragment(_ bytes: [UInt8]) -> Any? {
        try? value(bytes)
    }

    /// The entry for one item, its URLs resolved against `base`.
    static func entry(_ item: [String: Any], base: String?, refusals: LinkRefusals) -> Entry {
        var entry = EntryAccumulator()
        if let id = item["id"] as? String {
            entry.guid = id.trimmingASCIIWhitespace()
        } else if let id = item["id"] as? NSNumber {
            entry.guid = id.stringValue
        }
        entry.guidIsPermaLink = false
        entry.title = string(item["title"]).map { TextConstruct(value: $0, kind: .text, base: base) }
        entry.link = string(item["url"]).map { LinkValue(raw: $0, base: base) }
        if let html = string(item["content_html"]) {
            entry.content = TextConstruct(value: html, kind: .html, base: base)
        } else if let text = string(item["content_text"]) {
            entry.content = TextConstruct(value: text, kind: .text, base: base)
        }
        entry.summary = string(item["summary"]).map { TextConstruct(value: $0, kind: .text, base: base) }
        entry.image = (string(item["image"]) ?? string(item["banner_image"])).map { LinkValue(raw: $0, base: base) }
        entry.published = string(item["date_published"]).flatMap(FeedDateParser.parse)
        entry.updated = string(item["date_modified"]).flatMap(FeedDateParser.parse)
        var refused: [LinkRefusal] = []
        entry.authors = authors(item, base: base, refused: &refused)
        if let tags = item["tags"] as? [Any] {
            for case let tag as String in tags {
                let text = tag.collapsingWhitespace()
                if !text.isEmpty { entry.categories.appendUnique(text, cappedAt: FeedLimits.categoriesPerItem) }
            }
        }
        entry.language = string(item["language"])
        if let attachments = item["attachments"] as? [[String: Any]] {
            for attachment in attachments {
                guard let url = string(attachment["url"]) else { continue }
                entry.enclosures.append(
                    (
                        LinkValue(raw: url, base: base), string(attachment["mime_type"]),
                        integer(attachment["size_in_bytes"]), integer(attachment["duration_in_seconds"])
                    ),
                    cappedAt: FeedLimits.enclosuresPerItem)
            }
        }
        let finished = entry.finish(fallbackBase: base, refusals: refusals)
        refusals.record(refused, entryID: finished.id)
        return finished
    }

    /// JSON Feed 1.1 `authors`, else 1.0 `author`.
    private static func authors(_ object: [String: Any], base: String?, refused: inout [LinkRefusal]) -> [Author] {
        var list: [[String: Any]] = object["authors"] as? [[String: Any]] ?? []
        if list.isEmpty, let single = object["author"] as? [String: Any] { list = [single] }
        var found: [Author] = []
        for value in list.prefix(FeedLimits.authorsPerItem) {
            let uri = string(value["url"]).flatMap {
                LinkValue(raw: $0, base: nil).resolved(
                    fallbackBase: base, as: "author url", allowsMailto: true, refused: &refused)
            }
            let author = Author(
                name: string(value["name"]).map { $0.collapsingWhitespace() },
                email: nil,
                uri: uri?.isEmpty == true ? nil : uri
            )
            if !author.isEmpty { found.append(author) }
        }
        return found
    }

    static func string(_ value: Any?) -> String? {
        value as? String
    }

    private static func integer(_ value: Any?) -> Int? {
        guard let number = value as? NSNumber, !(value is Bool) else { return nil }
        let double = number.doubleValue
        guard double.isFinite, double >= 0, double < 1e15 else { return nil }
        return Int(double)
    }

    private static func reason(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        return text.split(separator: "\n").first.map(String.init) ?? "unreadable"
    }
}
