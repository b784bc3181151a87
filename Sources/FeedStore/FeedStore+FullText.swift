import FeedModel
import Foundation
internal import GRDB

/// What full text needs from the store: which entries are new, and the pages fetched before.
extension FeedStore {
    /// The ids among `ids` that the feed already has, as an article or as a removed article's tombstone: only the
    /// others are worth an article page.
    public func knownEntryIDs(feedID: Int64, among ids: [String]) throws(StoreError) -> Set<String> {
        guard !ids.isEmpty else {
            return []
        }
        return try read { db in
            var known = Set<String>()
            // SQLite's default limit on bound parameters is far above this, and a feed's items are capped anyway.
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                var arguments: [(any DatabaseValueConvertible)?] = [feedID]
                arguments += chunk.map { $0 as (any DatabaseValueConvertible)? }
                known.formUnion(
                    try String.fetchAll(
                        db, sql: "SELECT guid FROM article WHERE feed_id = ? AND guid IN (\(marks))",
                        arguments: StatementArguments(arguments)))
                var tombstoneArguments: [(any DatabaseValueConvertible)?] = [feedID]
                tombstoneArguments += chunk.map { ("g:" + $0) as (any DatabaseValueConvertible)? }
                known.formUnion(
                    try String.fetchAll(
                        db, sql: "SELECT substr(key, 3) FROM tombstone WHERE feed_id = ? AND key IN (\(marks))",
                        arguments: StatementArguments(tombstoneArguments)))
            }
            return known
        }
    }

    /// The pages of `urls` fetched before, by URL.
    public func fullTextPages(_ urls: [String]) throws(StoreError) -> [String: FullTextReport.Page] {
        guard !urls.isEmpty else {
            return [:]
        }
        return try read { db in
            var pages: [String: FullTextReport.Page] = [:]
            for url in Set(urls) {
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT etag, last_modified, content_html, canonical_url, failures FROM full_text_page
                        WHERE url = ?
                        """,
                    arguments: [url])
                if let row {
                    pages[url] = FullTextReport.Page(
                        url: url, etag: row[0], lastModified: row[1], contentHTML: row[2], canonicalURL: row[3],
                        failures: row[4])
                }
            }
            return pages
        }
    }

    /// Records a feed's full-text report: its counters, and the pages for the next conditional request.
    static func record(_ report: FullTextReport, feedID: Int64, at date: Date, db: Database) throws {
        // Failures count since the last page that worked: a success among these resets them to the ones after it.
        try db.execute(
            sql: """
                UPDATE feed SET full_text_fetched = full_text_fetched + ?,
                    full_text_failures = CASE WHEN ? > 0 THEN ? ELSE full_text_failures + ? END,
                    full_text_error = CASE WHEN ? > 0 THEN ? ELSE full_text_error END
                WHERE id = ?
                """,
            arguments: [
                report.extracted, report.extracted, report.failed, report.failed, report.failed, report.lastError,
                feedID,
            ])
        for page in report.pages {
            try db.execute(
                sql: """
                    INSERT INTO full_text_page (
                        url, etag, last_modified, content_html, canonical_url, failures, fetched_at
                    )
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                        content_html = excluded.content_html, canonical_url = excluded.canonical_url,
                        failures = excluded.failures, fetched_at = excluded.fetched_at
                    """,
                arguments: [
                    page.url, page.etag, page.lastModified, page.contentHTML, page.canonicalURL, page.failures,
                    date.timeIntervalSince1970,
                ])
        }
    }
}
