internal import FeedHTML
import Foundation

/// An edition's Atom feed (`NAME.atom`): one entry per written digest, its HTML as the content, so any reader app
/// can follow the editions.
///
/// The feed is rebuilt from the edition's HTML files each time an edition is written (the newest `entryLimit`), so
/// it never disagrees with the files and needs no state of its own; the new digest is rendered in memory, so the
/// feed has it even when `formats` leaves out HTML.
public enum DigestAtom {
    /// How many editions the feed lists.
    public static let entryLimit = 10
    /// An HTML file larger than this is not embedded (a digest is a few hundred kilobytes at most).
    static let maximumFileBytes = 4 << 20

    /// The Atom file's name for `edition`.
    public static func fileName(edition: String) -> String { edition + ".atom" }

    /// Rewrites `<directory>/<edition>.atom` with `digest` and the edition's earlier HTML digests found there;
    /// returns its path.
    public static func update(edition: String, with digest: DigestDocument, in directory: String, now: Date)
        throws(DigestFileError) -> String
    {
        var entries = [Entry(day: digest.day, title: digest.title, html: DigestRenderer.html(digest), updated: now)]
        for day in earlierDays(edition: edition, in: directory, before: digest.day).prefix(entryLimit - 1) {
            let path = directory + "/" + DigestFiles.fileName(day: day, format: .html, prefix: edition)
            guard let html = read(path) else { continue }
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            entries.append(
                Entry(
                    day: day, title: title(in: html) ?? "feedd \(edition) digest — \(day)", html: html,
                    updated: attributes?[.modificationDate] as? Date ?? now))
        }
        let text = document(edition: edition, entries: entries, now: now)
        try DigestFiles.write(text, named: fileName(edition: edition), to: directory)
        return directory + "/" + fileName(edition: edition)
    }

    struct Entry {
        var day: String
        var title: String
        var html: String
        var updated: Date
    }

    /// The Atom document: ids are tag URIs of the edition and day, stable across rewrites.
    static func document(edition: String, entries: [Entry], now: Date) -> String {
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <id>tag:feedd,2026:digest/\(HTMLEscaping.escapeText(edition))</id>
            <title>feedd \(HTMLEscaping.escapeText(edition)) digest</title>
            <updated>\(timestamp(entries.map(\.updated).max() ?? now))</updated>
            <author><name>feedd</name></author>
            <generator>feedd</generator>

            """
        for entry in entries {
            out += """
                <entry>
                <id>tag:feedd,2026:digest/\(HTMLEscaping.escapeText(edition))/\(entry.day)</id>
                <title>\(HTMLEscaping.escapeText(entry.title))</title>
                <updated>\(timestamp(entry.updated))</updated>
                <content type="html">\(HTMLEscaping.escapeText(body(of: entry.html)))</content>
                </entry>

                """
        }
        return out + "</feed>\n"
    }

    /// The days of the edition's HTML files in `directory` before `day`, newest first.
    static func earlierDays(edition: String, in directory: String, before day: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let prefix = edition + "-"
        return names.compactMap { name -> String? in
            guard name.hasPrefix(prefix), name.hasSuffix(".html") else { return nil }
            let candidate = String(name.dropFirst(prefix.count).dropLast(5))
            guard candidate.utf8.count == 10, candidate.first?.isNumber == true, candidate < day else { return nil }
            return candidate
        }.sorted(by: >)
    }

    /// What is between `<body>` and `</body>`: the page's head (style, policy) means nothing inside a reader.
    static func body(of html: String) -> String {
        guard let start = html.range(of: "<body>"), let end = html.range(of: "</body>", options: .backwards),
            start.upperBound <= end.lowerBound
        else { return html }
        return String(html[start.upperBound..<end.lowerBound])
    }

    private static func title(in html: String) -> String? {
        guard let start = html.range(of: "<title>"), let end = html.range(of: "</title>"),
            start.upperBound <= end.lowerBound
        else { return nil }
        return HTMLPlainText.text(fromMarkup: String(html[start.upperBound..<end.lowerBound]))
    }

    private static func read(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path), data.count <= maximumFileBytes else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
