import Foundation
internal import GRDB

/// Subscriptions as reader apps see and edit them: cheap listings and lookups, titles and tags.
extension FeedStore {
    /// Every subscription ordered by title, without article counts (which would read every article).
    public func subscriptions() throws(StoreError) -> [StoredFeed] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(StoredFeed.columns) FROM feed
                    ORDER BY lower(coalesce(custom_title, feed_title, url)), id
                    """
            ).map(StoredFeed.init(row:))
        }
    }

    /// The subscription a reference names (a numeric id, else a URL in any spelling of it), or nil.
    public func findSubscription(_ reference: String) throws(StoreError) -> StoredFeed? {
        try read { db in
            if let id = Int64(reference) {
                return try Row.fetchOne(
                    db, sql: "SELECT \(StoredFeed.columns) FROM feed WHERE id = ?", arguments: [id]
                ).map(StoredFeed.init(row:))
            }
            return try Self.subscription(db, url: reference)
        }
    }

    /// Sets a feedctl subscription's title (when given; empty clears it) and adds and removes tags.
    ///
    /// - Throws: `feedFromConfig` for a feed of the configuration file, whose title and tags only it sets;
    ///   `noSuchFeed` when there is no feed `id`.
    @discardableResult
    public func editSubscription(
        _ id: Int64, title: String? = nil, addingTags: [String] = [], removingTags: [String] = [],
        configFile: String? = nil
    ) throws(StoreError) -> StoredFeed {
        try write { db in
            let feed = try Self.requireFeed(db, id: id, path: path)
            if feed.source == .config {
                throw StoreError(path: path, kind: .feedFromConfig(url: feed.url, configFile: configFile))
            }
            var tags = feed.tags.filter { !removingTags.contains($0) }
            for tag in addingTags where !tags.contains(tag) {
                tags.append(tag)
            }
            let newTitle = title.map { $0.isEmpty ? nil : $0 } ?? feed.customTitle
            try db.execute(
                sql: "UPDATE feed SET custom_title = ?, tags = ? WHERE id = ?",
                arguments: [newTitle, StoredJSON.text(strings: tags), id])
            return try Self.requireFeed(db, id: id, path: path)
        }
    }
}
