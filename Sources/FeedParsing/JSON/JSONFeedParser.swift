import FeedModel
import Foundation

/// Reads JSON Feed 1.0 and 1.1 documents (https://jsonfeed.org/version/1.1).
///
/// JSON Feeds are small enough in practice to be read whole; the caller caps their size. Fields that have the wrong
/// JSON type are ignored and reported, never fatal: one bad item does not cost the others.
enum JSONFeedParser {
    static func parse(_ bytes: [UInt8], documentURL: String?) throws -> FeedDocument {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw FeedParseError.invalidJSON("invalid JSON (\(Self.reason(error)))")
        }
        guard let root = object as? [String: Any] else {
            throw FeedParseError.invalidJSON("JSON, but not a JSON Feed: the top level is not an object")
        }
        let versionURL = root["version"] as? String
        guard versionURL?.contains("jsonfeed.org/version/") == true || root["items"] is [Any] else {
            throw FeedParseError.invalidJSON("JSON, but not a JSON Feed: no \"version\" and no \"items\"")
        }
        var document = FeedDocument(format: .json, version: Self.version(versionURL))
        var problems: [ParseProblem] = []
        if versionURL == nil {
            problems.append(ParseProblem(line: 0, message: "the JSON Feed has no \"version\""))
        }

        let homePage = string(root["home_page_url"])
        let base = documentURL ?? homePage.flatMap { URLResolver.hasScheme($0) ? $0 : nil }
        func resolve(_ value: Any?) -> String? {
            string(value).flatMap { URLResolver.resolveLink($0, against: base) }
        }
        document.title = string(root["title"]).map { TextConstruct(value: $0, kind: .text, base: nil).plainText() }
        document.subtitle = string(root["description"]).map { HTMLEscaping.escapeText($0) }
        document.link = homePage.flatMap { URLResolver.resolveLink($0, against: documentURL) }
        document.selfLink = resolve(root["feed_url"])
        document.image = resolve(root["icon"])
        document.icon = resolve(root["favicon"])
        document.language = string(root["language"])
        document.authors = authors(root, base: base)
        if let hubs = root["hubs"] as? [[String: Any]] {
            document.hubs = hubs.compactMap { resolve($0["url"]) }
        }

        guard let items = root["items"] as? [Any] else {
            problems.append(ParseProblem(line: 0, message: "the JSON Feed has no \"items\" array"))
            document.problems = problems
            document.bozo = true
            return document
        }
        for (index, item) in items.enumerated() {
            guard let item = item as? [String: Any] else {
                problems.append(ParseProblem(line: 0, message: "item \(index + 1) is not an object; skipped"))
                continue
            }
            document.entries.append(entry(item, base: base))
        }
        document.problems = problems
        document.bozo = !problems.isEmpty
        return document
    }

    private static func entry(_ item: [String: Any], base: String?) -> Entry {
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
        entry.authors = authors(item, base: base)
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
        return entry.finish(fallbackBase: base)
    }

    /// JSON Feed 1.1 `authors`, else 1.0 `author`.
    private static func authors(_ object: [String: Any], base: String?) -> [Author] {
        var list: [[String: Any]] = object["authors"] as? [[String: Any]] ?? []
        if list.isEmpty, let single = object["author"] as? [String: Any] { list = [single] }
        return list.prefix(FeedLimits.authorsPerItem).compactMap { value in
            let author = Author(
                name: string(value["name"]).map { $0.collapsingWhitespace() },
                email: nil,
                uri: string(value["url"]).flatMap { URLResolver.resolveLink($0, against: base) }
            )
            return author.isEmpty ? nil : author
        }
    }

    private static func version(_ url: String?) -> String {
        guard let url else { return "" }
        if url.hasSuffix("/version/1.1") { return "1.1" }
        if url.hasSuffix("/version/1") || url.hasSuffix("/version/1.0") { return "1.0" }
        return ""
    }

    private static func string(_ value: Any?) -> String? {
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
