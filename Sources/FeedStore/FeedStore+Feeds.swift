import FeedModel
import Foundation
internal import GRDB

extension FeedStore {
    /// Adds a subscription due at once, or reports the subscription of the same feed and changes nothing.
    ///
    /// The same feed is one whose URL has the same `FeedIdentity` key as `feed.url` or as one of `aliases`: the
    /// other URLs the caller knows the feed by (where a redirect ended, the feed's self link). The check and the
    /// insert are one transaction, so two processes adding one feed at once subscribe it once.
    public func addFeed(_ feed: NewFeed, aliases: [String] = [], now: Date = Date()) throws(StoreError)
        -> AddFeedOutcome
    {
        try write { db in
            for url in [feed.url] + aliases {
                if let existing = try Self.subscription(db, url: url) {
                    return .alreadyExists(existing)
                }
            }
            try Self.insert(feed, db: db, now: now)
            return .added(try Self.requireFeed(db, id: db.lastInsertedRowID, path: path))
        }
    }

    /// Adds many subscriptions in one transaction, in order; one outcome per feed.
    ///
    /// A feed already subscribed under any spelling of its URL is left as it is, and so is a later entry of `feeds`
    /// naming a feed an earlier one added (its outcome is `alreadyExists` of the feed just added).
    public func addFeeds(_ feeds: [NewFeed], now: Date = Date()) throws(StoreError) -> [AddFeedOutcome] {
        try write { db in
            var outcomes: [AddFeedOutcome] = []
            outcomes.reserveCapacity(feeds.count)
            for feed in feeds {
                if let existing = try Self.subscription(db, url: feed.url) {
                    outcomes.append(.alreadyExists(existing))
                } else {
                    try Self.insert(feed, db: db, now: now)
                    outcomes.append(.added(try Self.requireFeed(db, id: db.lastInsertedRowID, path: path)))
                }
            }
            return outcomes
        }
    }

    /// The feed a reference names (a numeric id, else a URL in any spelling of it), with its article counts.
    public func feed(_ reference: String) throws(StoreError) -> StoredFeed {
        try read { db in
            var feed = try Self.resolve(db, reference: reference, path: path)
            if let row = try Row.fetchOne(
                db,
                sql: "SELECT count(*), count(*) FILTER (WHERE read_at IS NULL) FROM article WHERE feed_id = ?",
                arguments: [feed.id]
            ) {
                feed.articleCount = row[0]
                feed.unreadCount = row[1]
            }
            return feed
        }
    }

    /// Every subscription with its article counts, ordered by title.
    public func feeds() throws(StoreError) -> [StoredFeed] {
        try read { db in
            // One pass over a narrow index counts every feed's articles; a count per feed would visit it once each.
            var counts: [Int64: (articles: Int, unread: Int)] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT feed_id, count(*), count(*) FILTER (WHERE read_at IS NULL)
                    FROM article INDEXED BY article_feed_sort GROUP BY feed_id
                    """
            )
            while let row = try rows.next() {
                let feedID: Int64 = row[0]
                let articles: Int = row[1]
                let unread: Int = row[2]
                counts[feedID] = (articles, unread)
            }
            let feeds = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(StoredFeed.columns) FROM feed
                    ORDER BY lower(coalesce(custom_title, feed_title, url)), id
                    """
            ).map(StoredFeed.init(row:))
            return feeds.map { (feed: StoredFeed) -> StoredFeed in
                var counted = feed
                counted.articleCount = counts[feed.id]?.articles ?? 0
                counted.unreadCount = counts[feed.id]?.unread ?? 0
                return counted
            }
        }
    }

    /// Removes a feed added with feedctl, with its articles; a feed from the configuration is refused.
    ///
    /// - Parameter configFile: the configuration file to name when the feed comes from it.
    public func removeFeed(_ reference: String, configFile: String?) throws(StoreError) -> StoredFeed {
        try write { db in
            let feed = try Self.resolve(db, reference: reference, path: path)
            if feed.source == .config {
                throw StoreError(path: path, kind: .feedFromConfig(url: feed.url, configFile: configFile))
            }
            var removed = feed
            removed.articleCount =
                try Int.fetchOne(db, sql: "SELECT count(*) FROM article WHERE feed_id = ?", arguments: [feed.id]) ?? 0
            try db.execute(sql: "DELETE FROM feed WHERE id = ?", arguments: [feed.id])
            return removed
        }
    }

    /// Makes the store's configuration-sourced feeds match `feeds`, in one transaction.
    ///
    /// New feeds are added (due at once); feeds already subscribed, under any spelling of their URL and even with
    /// feedctl, keep their id, URL and articles, take the configuration's title, interval and tags and are marked as
    /// coming from it; configuration feeds that are no longer listed are removed with their articles.
    public func syncConfigFeeds(_ feeds: [NewFeed], now: Date = Date()) throws(StoreError) -> ConfigSyncSummary {
        // Every feedctl command and every daemon start syncs: when nothing changed, a read answers that without
        // waiting for the write lock a busy daemon may hold.
        let planned = try read { db in try Self.sync(feeds, db: db, now: now, applying: false) }
        guard planned != ConfigSyncSummary() else {
            return planned
        }
        return try write { db in try Self.sync(feeds, db: db, now: now, applying: true) }
    }

    /// What syncing `feeds` changes, and, when `applying`, the changes made.
    private static func sync(_ feeds: [NewFeed], db: Database, now: Date, applying: Bool) throws
        -> ConfigSyncSummary
    {
        var summary = ConfigSyncSummary()
        var listed = Set<String>()
        var claimed = Set<Int64>()
        for var feed in feeds {
            feed.source = .config
            listed.insert(feed.url)
            // A feed subscribed with feedctl under any spelling of the URL becomes the configuration's, with its
            // articles, rather than a second subscription. A configured feed that a permanent redirect moved is
            // still the configuration's feed.
            let existing =
                try Self.subscription(db, url: feed.url)
                ?? Row.fetchOne(
                    db, sql: "SELECT \(StoredFeed.columns) FROM feed WHERE moved_from = ?", arguments: [feed.url]
                ).map(StoredFeed.init(row:))
            guard let existing else {
                if applying {
                    try insert(feed, db: db, now: now)
                    // A later entry naming the same feed (the configuration refuses those) must find this one.
                    claimed.insert(db.lastInsertedRowID)
                }
                summary.added.append(feed.url)
                continue
            }
            listed.insert(existing.url)
            // Two entries of one feed: the first one's title, interval and tags hold, or each sync would flip them.
            guard claimed.insert(existing.id).inserted else {
                continue
            }
            let same =
                existing.source == .config && existing.customTitle == feed.title
                && existing.interval == feed.interval && existing.tags == feed.tags && existing.options == feed.options
            if !same {
                if applying {
                    try db.execute(
                        sql: """
                            UPDATE feed SET source = 'config', custom_title = ?, interval_seconds = ?, tags = ?,
                                options = ?
                            WHERE id = ?
                            """,
                        arguments: [
                            feed.title, feed.interval.map { $0.components.seconds },
                            StoredJSON.text(strings: feed.tags), StoredJSON.text(options: feed.options), existing.id,
                        ]
                    )
                }
                summary.updated.append(feed.url)
            }
        }
        let configured = try String.fetchAll(db, sql: "SELECT url FROM feed WHERE source = 'config' ORDER BY id")
        for url in configured where !listed.contains(url) {
            if applying {
                try db.execute(sql: "DELETE FROM feed WHERE url = ?", arguments: [url])
            }
            summary.removed.append(url)
        }
        return summary
    }

    /// Inserts a subscription due at `now` unless its URL is already there; true when it was inserted.
    @discardableResult
    private static func insert(_ feed: NewFeed, db: Database, now: Date) throws -> Bool {
        try db.cachedStatement(
            sql: """
                INSERT INTO feed (
                    url, url_key, custom_title, added_at, source, interval_seconds, tags, next_due_at, next_due_reason,
                    options
                )
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING
                """
        ).execute(arguments: [
            feed.url, FeedIdentity.key(feed.url), feed.title, now.timeIntervalSince1970, feed.source.rawValue,
            feed.interval.map { $0.components.seconds }, StoredJSON.text(strings: feed.tags),
            now.timeIntervalSince1970, ScheduleReason.new.rawValue, StoredJSON.text(options: feed.options),
        ])
        return db.changesCount > 0
    }

    /// Makes one feed (even a gone one, which is then polled again) or every feed that is not gone due now, for
    /// the reason `refresh`; returns how many feeds it touched.
    public func markDue(_ reference: String? = nil, now: Date = Date()) throws(StoreError) -> Int {
        try write { db in
            let reason = ScheduleReason.refresh.rawValue
            if let reference {
                let feed = try Self.resolve(db, reference: reference, path: path)
                // Asked for by name, a gone feed is tried again: the owner knows something the server said.
                try db.execute(
                    sql: "UPDATE feed SET next_due_at = ?, next_due_reason = ?, gone_at = NULL WHERE id = ?",
                    arguments: [now.timeIntervalSince1970, reason, feed.id]
                )
            } else {
                try db.execute(
                    sql: "UPDATE feed SET next_due_at = ?, next_due_reason = ? WHERE gone_at IS NULL",
                    arguments: [now.timeIntervalSince1970, reason]
                )
            }
            return db.changesCount
        }
    }

    /// Feeds whose next fetch is due at `now` (gone feeds never are), the most overdue first.
    public func dueFeeds(now: Date = Date(), limit: Int = 10_000) throws(StoreError) -> [StoredFeed] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(StoredFeed.columns) FROM feed
                    WHERE gone_at IS NULL AND next_due_at <= ?
                    ORDER BY next_due_at, id LIMIT ?
                    """,
                arguments: [now.timeIntervalSince1970, limit]
            ).map { StoredFeed(row: $0) }
        }
    }

    static func feed(_ db: Database, url: String) throws -> StoredFeed? {
        try Row.fetchOne(db, sql: "SELECT \(StoredFeed.columns) FROM feed WHERE url = ?", arguments: [url])
            .map { StoredFeed(row: $0) }
    }

    /// The subscription of the feed at `url`: the one with exactly this URL, else the oldest whose URL is another
    /// spelling of it (a store from before "v3-feed-identity" may hold several).
    static func subscription(_ db: Database, url: String) throws -> StoredFeed? {
        if let feed = try feed(db, url: url) {
            return feed
        }
        return try Row.fetchOne(
            db, sql: "SELECT \(StoredFeed.columns) FROM feed WHERE url_key = ? ORDER BY id LIMIT 1",
            arguments: [FeedIdentity.key(url)]
        ).map { StoredFeed(row: $0) }
    }

    static func requireFeed(_ db: Database, id: Int64, path: String) throws -> StoredFeed {
        guard
            let row = try Row.fetchOne(
                db,
                sql: "SELECT \(StoredFeed.columns) FROM feed WHERE id = ?",
                arguments: [id]
            )
        else {
            throw StoreError(path: path, kind: .noSuchFeed("#\(id)"))
        }
        return StoredFeed(row: row)
    }

    static func resolve(_ db: Database, reference: String, path: String) throws -> StoredFeed {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        if let id = Int64(trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed) {
            return try requireFeed(db, id: id, path: path)
        }
        if let feed = try subscription(db, url: trimmed) {
            return feed
        }
        throw StoreError(path: path, kind: .noSuchFeed(trimmed))
    }
}
