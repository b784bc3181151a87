import FeedModel
internal import GRDB

/// The prepared statements of one ingest transaction; SQLite's statement cache keeps them across feeds.
struct IngestStatements {
    /// The identity fields of a stored article an incoming one matched.
    struct Match {
        var id: Int64
        var guid: String
        var title: String?
        var contentHash: String
    }

    private let byGuid: Statement
    private let byURL: Statement
    private let byHash: Statement
    private let tombstone: Statement
    private let storyByURL: Statement
    private let storyByHash: Statement
    private let insertArticle: Statement
    private let updateArticle: Statement

    init(_ db: Database) throws {
        let matchColumns = "SELECT id, guid, title, content_hash FROM article"
        byGuid = try db.cachedStatement(sql: "\(matchColumns) WHERE feed_id = ? AND guid = ?")
        byURL = try db.cachedStatement(sql: "\(matchColumns) WHERE feed_id = ? AND canonical_url = ? LIMIT 1")
        byHash = try db.cachedStatement(sql: "\(matchColumns) WHERE feed_id = ? AND content_hash = ? LIMIT 1")
        tombstone = try db.cachedStatement(sql: "SELECT 1 FROM tombstone WHERE feed_id = ? AND key IN (?, ?, ?)")
        storyByURL = try db.cachedStatement(
            sql: "SELECT story_id FROM article WHERE canonical_url = ? AND feed_id <> ? LIMIT 1"
        )
        storyByHash = try db.cachedStatement(
            sql: "SELECT story_id FROM article WHERE content_hash = ? AND feed_id <> ? LIMIT 1"
        )
        insertArticle = try db.cachedStatement(
            sql: """
                INSERT INTO article (id, feed_id, guid, guid_is_derived, canonical_url, link, title, authors,
                    published_at, updated_at, first_seen_at, sort_at, summary, content_html, content_text,
                    enclosures, categories, content_hash, story_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        updateArticle = try db.cachedStatement(
            sql: """
                UPDATE article SET guid = ?, guid_is_derived = ?, canonical_url = ?, link = ?, title = ?,
                    authors = ?, published_at = coalesce(?, published_at), updated_at = ?, summary = ?,
                    content_html = ?, content_text = ?, enclosures = ?, categories = ?, content_hash = ?
                WHERE id = ?
                """
        )
    }

    func match(_ article: Article, feedID: Int64) throws -> Match? {
        if let match = try fetchMatch(byGuid, [feedID, article.guid]) {
            return match
        }
        if let url = article.canonicalURL, let match = try fetchMatch(byURL, [feedID, url]) {
            return match
        }
        return try fetchMatch(byHash, [feedID, article.contentHash])
    }

    func isTombstoned(_ article: Article, feedID: Int64) throws -> Bool {
        let keys = TombstoneKeys(article)
        return try Bool.fetchOne(tombstone, arguments: [feedID, keys.guid, keys.url, keys.hash]) ?? false
    }

    /// The story of an article of another feed that carries the same link or the same content.
    func story(of article: Article, feedID: Int64) throws -> Int64? {
        if let url = article.canonicalURL, let story = try Int64.fetchOne(storyByURL, arguments: [url, feedID]) {
            return story
        }
        return try Int64.fetchOne(storyByHash, arguments: [article.contentHash, feedID])
    }

    func insert(_ article: Article, id: Int64, feedID: Int64, story: Int64, now: Double) throws {
        let published = article.published?.timeIntervalSince1970
        // An entry dated in the future must not stick to the top of every listing.
        let sortAt = min(published ?? now, now)
        try insertArticle.execute(arguments: [
            id, feedID, article.guid, article.guidIsDerived, article.canonicalURL, article.link, article.title,
            JSONWriter.text { $0.authors(article.authors) }, published, article.updated?.timeIntervalSince1970,
            now, sortAt, article.summary, article.contentHTML, article.contentText,
            JSONWriter.text { $0.enclosures(article.enclosures) }, StoredJSON.text(strings: article.categories),
            article.contentHash, story,
        ])
    }

    func update(_ id: Int64, with article: Article, now: Double) throws {
        try updateArticle.execute(arguments: [
            article.guid, article.guidIsDerived, article.canonicalURL, article.link, article.title,
            JSONWriter.text { $0.authors(article.authors) }, article.published?.timeIntervalSince1970,
            article.updated?.timeIntervalSince1970 ?? now, article.summary, article.contentHTML, article.contentText,
            JSONWriter.text { $0.enclosures(article.enclosures) }, StoredJSON.text(strings: article.categories),
            article.contentHash, id,
        ])
    }

    private func fetchMatch(_ statement: Statement, _ arguments: StatementArguments) throws -> Match? {
        guard let row = try Row.fetchOne(statement, arguments: arguments) else {
            return nil
        }
        return Match(id: row[0], guid: row[1], title: row[2], contentHash: row[3])
    }
}

/// The tombstone keys of an article: any one of them keeps it out of the store for good.
struct TombstoneKeys {
    var guid: String
    var url: String?
    var hash: String

    init(_ article: Article) {
        guid = "g:" + article.guid
        url = article.canonicalURL.map { "u:" + $0 }
        hash = "h:" + article.contentHash
    }

    init(guid: String, url: String?, hash: String) {
        self.guid = "g:" + guid
        self.url = url.map { "u:" + $0 }
        self.hash = "h:" + hash
    }
}
