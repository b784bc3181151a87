import Foundation

/// One file of the labelled corpus (`Fixtures/labelled`, described in its README): feeds and their fetches, each
/// item's body paragraphs and boilerplate lines, and which items are one story, different stories or one event.
struct LabelledCorpus: Decodable {
    struct Feed: Decodable {
        var name: String
        /// Item ids present in each successive fetch.
        var fetches: [[String]]
    }

    struct Source: Decodable {
        var url: String
        var title: String?
    }

    struct Item: Decodable {
        var title: String
        var link: String
        var published: String
        var guid: String?
        var description: String?
        var content: String?
        var origLink: String?
        var source: Source?
        /// Plain-text paragraphs of the story, each of which must survive cleaning.
        var body: [String]
        /// Plain-text lines of boilerplate, each of which must be gone.
        var junk: [String]

        var identity: String { guid ?? link }
    }

    var description: String
    var categories: [String]
    var feeds: [Feed]
    var items: [String: Item]
    var copies: [[String]]
    var distinct: [[String]]
    var events: [[String]]

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/labelled")

    static func all() throws -> [(name: String, corpus: LabelledCorpus)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            return (name, try JSONDecoder().decode(LabelledCorpus.self, from: data))
        }
    }

    /// The RSS 2.0 document of one fetch of `feed`.
    func rss(_ feed: Feed, fetch: Int) -> [UInt8] {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" \
            xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
            <channel><title>\(Self.escaped(feed.name))</title><link>https://\(feed.name).example/</link>

            """
        for id in feed.fetches[fetch] {
            guard let item = items[id] else { continue }
            xml += "<item><title>\(Self.escaped(item.title))</title><link>\(Self.escaped(item.link))</link>"
            xml += "<guid isPermaLink=\"false\">\(Self.escaped(item.identity))</guid>"
            if let date = Self.rfc822(item.published) { xml += "<pubDate>\(date)</pubDate>" }
            if let description = item.description { xml += "<description>\(Self.escaped(description))</description>" }
            if let content = item.content { xml += "<content:encoded>\(Self.escaped(content))</content:encoded>" }
            if let origLink = item.origLink {
                xml += "<feedburner:origLink>\(Self.escaped(origLink))</feedburner:origLink>"
            }
            if let source = item.source {
                xml += "<source url=\"\(Self.escaped(source.url))\">\(Self.escaped(source.title ?? ""))</source>"
            }
            xml += "</item>\n"
        }
        xml += "</channel></rss>\n"
        return Array(xml.utf8)
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private static func rfc822(_ iso: String) -> String? {
        guard let date = ISO8601DateFormatter().date(from: iso) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
