import Foundation
internal import GRDB

extension FeedStore {
    /// How many of the most recent matches a ranked search scores: BM25 must score every candidate, and a word
    /// found in most of a million articles would otherwise take seconds.
    static let searchWindow = 5_000

    /// Articles matching `query`, newest first (by publication date, or arrival for undated ones).
    ///
    /// With `search` alone, the candidates are the most recent matches by arrival (twenty times the limit, at least
    /// 1,000), sorted by publication date: a word in half the store is answered as fast as a rare one. With other
    /// filters too, every match is a candidate.
    public func articles(_ query: ArticleQuery) throws(StoreError) -> [StoredArticle] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        // With unique stories, an article is listed when no earlier article of its story matches the query too.
        var earlierConditions: [String] = []
        var earlierArguments: StatementArguments = []
        var source = "article"
        if let search = query.search {
            guard let expression = SearchExpression.fts5(search) else {
                return []
            }
            // Other filters would be applied after the window and could leave nothing: then every match counts.
            let filtered =
                query.feedID != nil || query.since != nil || query.unreadOnly || query.starredOnly || query.tag != nil
            let window = filtered ? "" : "ORDER BY rowid DESC LIMIT \(min(max(query.limit * 20, 1000), 100_000))"
            source = """
                (SELECT rowid AS match_id FROM article_search WHERE article_search MATCH ? \(window)) AS matches
                JOIN article ON article.id = matches.match_id
                """
            arguments += [expression]
            earlierConditions.append("earlier.id IN (SELECT rowid FROM article_search WHERE article_search MATCH ?)")
            earlierArguments += [expression]
        }
        if let feedID = query.feedID {
            conditions.append("article.feed_id = ?")
            arguments += [feedID]
            earlierConditions.append("earlier.feed_id = ?")
            earlierArguments += [feedID]
        }
        if let since = query.since {
            conditions.append("article.sort_at >= ?")
            arguments += [since.timeIntervalSince1970]
            earlierConditions.append("earlier.sort_at >= ?")
            earlierArguments += [since.timeIntervalSince1970]
        }
        if query.unreadOnly {
            conditions.append("article.read_at IS NULL")
            earlierConditions.append("earlier.read_at IS NULL")
        }
        if query.starredOnly {
            conditions.append("article.starred_at IS NOT NULL")
            earlierConditions.append("earlier.starred_at IS NOT NULL")
        }
        if let tag = query.tag {
            conditions.append(
                """
                (EXISTS (SELECT 1 FROM article_tag WHERE article_tag.article_id = article.id AND article_tag.tag = ?)
                    OR EXISTS (SELECT 1 FROM json_each(feed.tags) WHERE json_each.value = ?))
                """)
            arguments += [tag, tag]
            earlierConditions.append(
                """
                (EXISTS (SELECT 1 FROM article_tag WHERE article_tag.article_id = earlier.id AND article_tag.tag = ?)
                    OR EXISTS (SELECT 1 FROM feed AS earlier_feed, json_each(earlier_feed.tags)
                        WHERE earlier_feed.id = earlier.feed_id AND json_each.value = ?))
                """)
            earlierArguments += [tag, tag]
        }
        if query.uniqueStories {
            conditions.append(
                """
                NOT EXISTS (SELECT 1 FROM article AS earlier WHERE earlier.story_id = article.story_id
                    AND earlier.id < article.id \(earlierConditions.map { "AND " + $0 }.joined(separator: " ")))
                """)
            arguments += earlierArguments
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [max(query.limit, 0)]
        let columns = query.withoutContent ? StoredArticle.columnsWithoutContent : StoredArticle.columns
        return try read { db in
            var articles = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(columns) FROM \(source) JOIN feed ON feed.id = article.feed_id
                    \(filter)
                    ORDER BY article.sort_at DESC, article.id DESC LIMIT ?
                    """,
                arguments: arguments
            ).map { StoredArticle(row: $0) }
            if query.uniqueStories {
                try Self.fillOtherFeeds(&articles, db: db)
            }
            return articles
        }
    }

    /// Sets `alsoIn` of each article with duplicates: the other feeds of its story, by title, each named once.
    ///
    /// Feeds are told apart by their URL's identity key, so a feed a store from before "v3-feed-identity" holds
    /// twice is named once (by its oldest subscription), and not at all when it is the article's own feed.
    static func fillOtherFeeds(_ articles: inout [StoredArticle], db: Database) throws {
        let shared = articles.indices.filter { articles[$0].duplicates > 0 }
        guard !shared.isEmpty else { return }
        let stories = shared.map { articles[$0].story }
        var feedsByStory: [Int64: [(key: String, feed: StoredArticle.FeedReference)]] = [:]
        // In chunks: SQLite limits the number of bound variables in one statement.
        for start in stride(from: 0, to: stories.count, by: 500) {
            let chunk = Array(stories[start..<min(start + 500, stories.count)])
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT article.story_id, feed.id, coalesce(feed.custom_title, feed.feed_title, feed.url),
                        feed.url, coalesce(feed.url_key, feed.url)
                    FROM article JOIN feed ON feed.id = article.feed_id WHERE article.story_id IN (\(placeholders))
                    ORDER BY feed.id
                    """,
                arguments: StatementArguments(chunk))
            {
                feedsByStory[row[0], default: []].append(
                    (row[4], StoredArticle.FeedReference(id: row[1], title: row[2], url: row[3])))
            }
        }
        for index in shared {
            let feeds = feedsByStory[articles[index].story] ?? []
            let own = articles[index].feed.id
            var named = Set(feeds.filter { $0.feed.id == own }.map(\.key))
            articles[index].alsoIn = feeds.filter { named.insert($0.key).inserted }.map(\.feed)
                .sorted { $0.title.localizedStandardCompare($1.title) == .orderedAscending }
        }
    }

    /// Articles matching `text`, best match first, each with an excerpt whose matches are marked.
    ///
    /// Ranking (BM25, with term weights from the newest articles: `SearchRanking`) looks at the most recent
    /// `searchWindow` matches, so a common word costs no more than a rare one. The excerpt marks each match with
    /// `\u{1}` before and `\u{2}` after it, for the caller to highlight.
    public func search(_ text: String, limit: Int = 20) throws(StoreError) -> [StoredArticle] {
        guard let expression = SearchExpression.fts5(text) else {
            return []
        }
        let phrases = SearchExpression.phrases(text)
        return try read { db in
            let rank = try SearchRanking.rank(for: phrases, db: db)
            let oldestMatch: Int64? = try Int64.fetchOne(
                db,
                sql: """
                    SELECT rowid FROM article_search WHERE article_search MATCH ?
                    ORDER BY rowid DESC LIMIT 1 OFFSET ?
                    """,
                arguments: [expression, Self.searchWindow - 1]
            )
            let oldest: Int64 = oldestMatch ?? 0
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT \(StoredArticle.columnsWithoutContent),
                        snippet(article_search, -1, char(1), char(2), '…', 16)
                    FROM article_search
                    JOIN article ON article.id = article_search.rowid
                    JOIN feed ON feed.id = article.feed_id
                    WHERE article_search MATCH ? AND article_search.rowid >= ? AND article_search.rank MATCH ?
                    ORDER BY rank LIMIT ?
                    """,
                arguments: [expression, oldest, rank, max(limit, 0)]
            ).map { StoredArticle(row: $0, snippet: $0[24]) }
        }
    }

    /// One article with its content, or nil.
    public func article(id: Int64) throws(StoreError) -> StoredArticle? {
        try read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT \(StoredArticle.columns) FROM article JOIN feed ON feed.id = article.feed_id "
                    + "WHERE article.id = ?",
                arguments: [id]
            ).map { StoredArticle(row: $0) }
        }
    }

    /// Marks articles read or unread; returns the ids that exist (the others are ignored).
    @discardableResult
    public func setRead(_ ids: [Int64], read: Bool, now: Date = Date()) throws(StoreError) -> [Int64] {
        try write { db in
            var found: [Int64] = []
            for id in ids {
                if read {
                    try db.execute(
                        sql: "UPDATE article SET read_at = coalesce(read_at, ?) WHERE id = ?",
                        arguments: [now.timeIntervalSince1970, id]
                    )
                } else {
                    try db.execute(sql: "UPDATE article SET read_at = NULL WHERE id = ?", arguments: [id])
                }
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM article WHERE id = ?", arguments: [id]) ?? false {
                    found.append(id)
                }
            }
            return found
        }
    }

    /// Marks every unread article (of one feed, when given) read; returns how many changed.
    public func markAllRead(feedID: Int64? = nil, now: Date = Date()) throws(StoreError) -> Int {
        try write { db in
            if let feedID {
                try db.execute(
                    sql: "UPDATE article SET read_at = ? WHERE read_at IS NULL AND feed_id = ?",
                    arguments: [now.timeIntervalSince1970, feedID]
                )
            } else {
                try db.execute(
                    sql: "UPDATE article SET read_at = ? WHERE read_at IS NULL",
                    arguments: [now.timeIntervalSince1970]
                )
            }
            return db.changesCount
        }
    }

    /// Stars (or unstars) articles; returns the ids that exist. Starring a starred article keeps its time.
    public func setStarred(_ ids: [Int64], starred: Bool, now: Date = Date()) throws(StoreError) -> [Int64] {
        try write { db in
            var found: [Int64] = []
            for id in ids {
                try db.execute(
                    sql: "UPDATE article SET starred_at = CASE WHEN ? THEN coalesce(starred_at, ?) END WHERE id = ?",
                    arguments: [starred, now.timeIntervalSince1970, id])
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM article WHERE id = ?", arguments: [id]) == true {
                    found.append(id)
                }
            }
            return found
        }
    }

    /// Deletes articles and leaves tombstones, so a later fetch does not bring them back.
    @discardableResult
    public func deleteArticles(_ ids: [Int64], now: Date = Date()) throws(StoreError) -> Int {
        try write { db in
            var deleted = 0
            for id in ids {
                deleted += try Self.bury(db, where: "id = ?", arguments: [id], now: now)
            }
            return deleted
        }
    }

    /// Deletes the articles a condition selects, after writing their tombstones; returns how many.
    static func bury(_ db: Database, where condition: String, arguments: StatementArguments, now: Date) throws
        -> Int
    {
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT feed_id, guid, canonical_url, content_hash FROM article WHERE \(condition)",
            arguments: arguments
        )
        let insert = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO tombstone (feed_id, key, deleted_at) VALUES (?, ?, ?)"
        )
        for row in rows {
            let feedID: Int64 = row[0]
            let keys = TombstoneKeys(guid: row[1], url: row[2], hash: row[3])
            for key in [keys.guid, keys.url, keys.hash].compactMap({ $0 }) {
                try insert.execute(arguments: [feedID, key, now.timeIntervalSince1970])
            }
        }
        try db.execute(sql: "DELETE FROM article WHERE \(condition)", arguments: arguments)
        return rows.count
    }
}
