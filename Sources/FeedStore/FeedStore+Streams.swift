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

    /// Marks read every unread article of `query`'s stream sorted at or before `until` (the time the API gives as
    /// `timestampUsec`, so an app's newest item is included), and every other article of their stories; returns
    /// how many articles changed. Paging, order and time bounds are ignored.
    @discardableResult
    public func markStreamRead(_ query: StreamQuery, until: Date, now: Date = Date()) throws(StoreError) -> Int {
        var conditions = ["article.read_at IS NULL", "article.sort_at <= ?"]
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

    /// Unread stories per feed, per label (highlights under `highlightsLabel`) and in all, with the newest unread
    /// item's sort time of each.
    ///
    /// One pass over the per-feed index, which holds `read_at` and `story_id`: reading each unread article's row
    /// instead would read its content too (a second on a million articles). The few highlighted ones come from
    /// their own partial index.
    public func streamUnreadCounts(highlightsLabel: String = "feedd/highlights") throws(StoreError)
        -> StreamUnreadCounts
    {
        try read { db in
            var feedTags: [Int64: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, tags FROM feed WHERE tags != '[]'") {
                feedTags[row[0]] = StoredJSON.strings(row[1])
            }
            var all = StreamUnreadTally()
            var feeds: [Int64: StreamUnreadTally] = [:]
            var labels: [String: StreamUnreadTally] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT feed_id, story_id, sort_at FROM article INDEXED BY article_feed_sort
                    WHERE read_at IS NULL
                    """)
            while let row = try rows.next() {
                let feedID: Int64 = row[0]
                let story: Int64 = row[1]
                let sortAt: Double = row[2]
                all.add(story, sortAt)
                feeds[feedID, default: .init()].add(story, sortAt)
                for tag in feedTags[feedID] ?? [] {
                    labels[tag, default: .init()].add(story, sortAt)
                }
            }
            let highlighted = try Row.fetchCursor(
                db,
                sql: """
                    SELECT story_id, sort_at FROM article INDEXED BY article_highlighted
                    WHERE highlighted = 1 AND read_at IS NULL
                    """)
            while let row = try highlighted.next() {
                labels[highlightsLabel, default: .init()].add(row[0], row[1])
            }
            // No condition on article in SQL: SQLite would build a Bloom filter of the unread articles for the
            // join, which reads every article (a second on a million); looking each tagged article up does not.
            let tagged = try Row.fetchCursor(
                db,
                sql: """
                    SELECT article_tag.tag, article.story_id, article.sort_at, article.read_at IS NULL
                    FROM article_tag CROSS JOIN article ON article.id = article_tag.article_id
                    """)
            while let row = try tagged.next() {
                if row[3] as Bool {
                    labels[row[0], default: .init()].add(row[1], row[2])
                }
            }
            var counts = StreamUnreadCounts()
            counts.all = all.count
            counts.feeds = feeds.mapValues(\.count)
            counts.labels = labels.mapValues(\.count)
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
            SELECT \(columns) FROM article \(indexHint(query)) \(join) \(filter)
            ORDER BY article.sort_at \(direction), article.id \(direction) LIMIT ?
            """,
            arguments
        )
    }

    /// The index a page reads articles by, when SQLite would guess wrong without statistics.
    ///
    /// A feed's stream reads the feed's own index (SQLite's choice). The few starred articles come from their
    /// partial index and are sorted. A label walks the sort index, checking ids against the label's list without
    /// reading rows: a page of a busy folder stops early, a rare label costs one pass over a narrow index, where
    /// looking up each labelled article first would read every row of a large folder.
    static func indexHint(_ query: StreamQuery) -> String {
        let filters = query.filters
        if filters.contains(where: { if case .feed = $0 { true } else { false } }) {
            return ""
        }
        if filters.contains(.starred) {
            return "INDEXED BY article_starred"
        }
        if filters.contains(.highlighted) {
            return "INDEXED BY article_highlighted"
        }
        if filters.contains(where: { if case .label = $0 { true } else { false } }) {
            return "INDEXED BY article_sort"
        }
        return ""
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
            // One list of ids per statement, read from two narrow indexes; checking an id against it needs no
            // article row.
            conditions.append(
                """
                (\(alias).id IN (SELECT id FROM article WHERE feed_id IN
                        (SELECT feed.id FROM feed, json_each(feed.tags) WHERE json_each.value = ?)
                    UNION ALL SELECT article_id FROM article_tag WHERE tag = ?))
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
