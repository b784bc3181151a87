import Foundation
internal import GRDB

/// Reader apps' streams: pages of unique stories by keyset, items by id, counts, and marking a stream read.
extension FeedStore {
    /// A page of `query`'s stream with each item's text, feed, marks and labels.
    public func streamItems(_ query: StreamQuery) throws(StoreError) -> StreamPage<StreamItem> {
        let (sql, arguments) = Self.streamSQL(query, columns: StreamItem.columns, joinFeed: true)
        return try read { db in
            var items = try Row.fetchAll(db, sql: sql, arguments: arguments).map(StreamItem.init(row:))
            let next = Self.trim(&items, limit: query.limit) { StreamPosition(sortAt: $0.sortAt, id: $0.id) }
            try Self.fillTags(&items, db: db)
            return StreamPage(items: items, next: next)
        }
    }

    /// A page of `query`'s stream as ids, feeds and sort times only: one indexed pass, no content.
    public func streamItemReferences(_ query: StreamQuery) throws(StoreError) -> StreamPage<StreamItemReference> {
        let (sql, arguments) = Self.streamSQL(
            query, columns: "article.id, article.feed_id, article.sort_at", joinFeed: false)
        return try read { db in
            var references: [StreamItemReference] = []
            references.reserveCapacity(min(query.limit, 10_000) + 1)
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                references.append(StreamItemReference(id: row[0], feedID: row[1], sortAt: row[2]))
            }
            let next = Self.trim(&references, limit: query.limit) { StreamPosition(sortAt: $0.sortAt, id: $0.id) }
            return StreamPage(items: references, next: next)
        }
    }

    /// The articles `ids` as stream items, in the order given; unknown ids are skipped, repeated ones listed once.
    public func streamItems(ids: [Int64]) throws(StoreError) -> [StreamItem] {
        try read { db in
            var byID: [Int64: StreamItem] = [:]
            for chunk in Self.chunks(of: Array(Set(ids))) {
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(StreamItem.columns) FROM article JOIN feed ON feed.id = article.feed_id
                        WHERE article.id IN (\(placeholders))
                        """,
                    arguments: StatementArguments(chunk))
                {
                    let item = StreamItem(row: row)
                    byID[item.id] = item
                }
            }
            var seen = Set<Int64>()
            var items = ids.compactMap { id in seen.insert(id).inserted ? byID[id] : nil }
            try Self.fillTags(&items, db: db)
            return items
        }
    }

    /// Marks read every unread article of `query`'s stream first seen at or before `until`, and every other
    /// article of their stories; returns how many articles changed. Paging, order and time bounds are ignored.
    @discardableResult
    public func markStreamRead(_ query: StreamQuery, until: Date, now: Date = Date()) throws(StoreError) -> Int {
        var conditions = ["article.read_at IS NULL", "article.first_seen_at <= ?"]
        var arguments: StatementArguments = [until.timeIntervalSince1970]
        Self.appendMembership(of: query, alias: "article", to: &conditions, arguments: &arguments)
        return try write { db in
            try db.execute(
                sql: """
                    UPDATE article SET read_at = ? WHERE read_at IS NULL AND story_id IN (
                        SELECT article.story_id FROM article WHERE \(conditions.joined(separator: " AND ")))
                    """,
                arguments: [now.timeIntervalSince1970] + arguments)
            return db.changesCount
        }
    }

    /// Unread stories per feed, per label and in all, with the newest unread item's sort time of each.
    public func streamUnreadCounts() throws(StoreError) -> StreamUnreadCounts {
        try read { db in
            var counts = StreamUnreadCounts()
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT feed_id, count(DISTINCT story_id), max(sort_at) FROM article
                    WHERE read_at IS NULL GROUP BY feed_id
                    """)
            {
                counts.feeds[row[0]] = StreamUnreadCounts.Count(stories: row[1], newest: row[2])
            }
            if let row = try Row.fetchOne(
                db,
                sql: "SELECT count(DISTINCT story_id), max(sort_at) FROM article WHERE read_at IS NULL")
            {
                counts.all = StreamUnreadCounts.Count(stories: row[0], newest: (row[1] as Double?) ?? 0)
            }
            for label in try Self.labels(db) {
                var conditions = ["article.read_at IS NULL"]
                var arguments: StatementArguments = []
                Self.append(.label(label), alias: "article", to: &conditions, arguments: &arguments)
                if let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT count(DISTINCT story_id), max(sort_at) FROM article
                        WHERE \(conditions.joined(separator: " AND "))
                        """,
                    arguments: arguments), let newest = row[1] as Double?
                {
                    counts.labels[label] = StreamUnreadCounts.Count(stories: row[0], newest: newest)
                }
            }
            return counts
        }
    }

    /// Every label in use: the feeds' tags and the articles' own, sorted, each once.
    public func streamLabels() throws(StoreError) -> StreamLabels {
        try read { db in
            let feedTags = try String.fetchAll(
                db, sql: "SELECT DISTINCT json_each.value FROM feed, json_each(feed.tags) ORDER BY 1")
            let articleTags = try String.fetchAll(db, sql: "SELECT DISTINCT tag FROM article_tag ORDER BY 1")
            return StreamLabels(feedTags: feedTags, articleTags: articleTags)
        }
    }

    static func labels(_ db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT json_each.value FROM feed, json_each(feed.tags)
                UNION SELECT tag FROM article_tag ORDER BY 1
                """)
    }

    /// The statement of a page of `query`: one row more than the limit, which tells whether another page follows.
    static func streamSQL(_ query: StreamQuery, columns: String, joinFeed: Bool) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        appendMembership(of: query, alias: "article", to: &conditions, arguments: &arguments)
        if query.uniqueStories {
            // The story's first article has the story's number: no earlier copy can exist, so most rows skip the
            // lookup of earlier copies that pass the same filters.
            var earlier: [String] = []
            var earlierArguments: StatementArguments = []
            appendMembership(of: query, alias: "earlier", to: &earlier, arguments: &earlierArguments)
            conditions.append(
                """
                (article.id = article.story_id OR NOT EXISTS (SELECT 1 FROM article AS earlier
                    WHERE earlier.story_id = article.story_id AND earlier.id < article.id
                    \(earlier.map { "AND " + $0 }.joined(separator: " "))))
                """)
            arguments += earlierArguments
        }
        if let newerThan = query.newerThan {
            conditions.append("article.sort_at >= ?")
            arguments += [newerThan.timeIntervalSince1970]
        }
        if let olderThan = query.olderThan {
            conditions.append("article.sort_at < ?")
            arguments += [olderThan.timeIntervalSince1970]
        }
        if let after = query.after {
            conditions.append("(article.sort_at, article.id) \(query.oldestFirst ? ">" : "<") (?, ?)")
            arguments += [after.sortAt, after.id]
        }
        let direction = query.oldestFirst ? "ASC" : "DESC"
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [max(query.limit, 0) + 1]
        let join = joinFeed ? "JOIN feed ON feed.id = article.feed_id" : ""
        return (
            """
            SELECT \(columns) FROM article \(join) \(filter)
            ORDER BY article.sort_at \(direction), article.id \(direction) LIMIT ?
            """,
            arguments
        )
    }

    /// Adds the conditions of the stream's filters and exclusions on the article named `alias`.
    static func appendMembership(
        of query: StreamQuery, alias: String, to conditions: inout [String], arguments: inout StatementArguments
    ) {
        for filter in query.filters {
            append(filter, alias: alias, to: &conditions, arguments: &arguments)
        }
        for exclusion in query.exclusions {
            var excluded: [String] = []
            append(exclusion, alias: alias, to: &excluded, arguments: &arguments)
            conditions += excluded.map { "NOT " + $0 }
        }
    }

    /// Adds one filter's condition; none is ever NULL, so `NOT` excludes exactly what it selects.
    static func append(
        _ filter: StreamFilter, alias: String, to conditions: inout [String], arguments: inout StatementArguments
    ) {
        switch filter {
        case .feed(let id):
            conditions.append("(\(alias).feed_id = ?)")
            arguments += [id]
        case .label(let label):
            // Both lists are read once per statement, not once per article.
            conditions.append(
                """
                (\(alias).feed_id IN (SELECT feed.id FROM feed, json_each(feed.tags) WHERE json_each.value = ?)
                    OR \(alias).id IN (SELECT article_id FROM article_tag WHERE tag = ?))
                """)
            arguments += [label, label]
        case .starred:
            conditions.append("(\(alias).starred_at IS NOT NULL)")
        case .read:
            conditions.append("(\(alias).read_at IS NOT NULL)")
        case .highlighted:
            conditions.append("(\(alias).highlighted = 1)")
        }
    }

    /// Drops the extra row fetched beyond `limit`; returns the last kept item's position when there was one.
    static func trim<T>(_ items: inout [T], limit: Int, position: (T) -> StreamPosition) -> StreamPosition? {
        guard items.count > limit else { return nil }
        items.removeLast(items.count - max(limit, 0))
        return items.last.map(position)
    }

    /// Fills each item's own tags with one statement per 500 items.
    static func fillTags(_ items: inout [StreamItem], db: Database) throws {
        guard !items.isEmpty else { return }
        var tags: [Int64: [String]] = [:]
        for chunk in chunks(of: items.map(\.id)) {
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            for row in try Row.fetchAll(
                db,
                sql: "SELECT article_id, tag FROM article_tag WHERE article_id IN (\(placeholders)) ORDER BY tag",
                arguments: StatementArguments(chunk))
            {
                tags[row[0], default: []].append(row[1])
            }
        }
        for index in items.indices {
            items[index].tags = tags[items[index].id] ?? []
        }
    }
}
