import FeedModel
import Foundation
internal import GRDB

extension FeedStore {
    /// Applies one fetch of one feed in one transaction: its articles, validators, health and schedule.
    ///
    /// An incoming article is the stored one of the same feed with the same guid. Failing that, it is the stored one
    /// with the same canonical URL, else the same content hash, when its own guid was derived or when the stored
    /// one's guid is no longer in the feed (a feed that rewrites every guid at once does not duplicate its items,
    /// while distinct items that share a link, as a podcast's often do, stay distinct).
    /// A match whose title or content changed is updated and keeps its id; a match whose guid changed takes the
    /// new guid. A new article joins the story of any article of another feed with the same canonical URL or
    /// content hash, else joins the story of another feed's article whose text is its closest near-duplicate (see
    /// `StoryMatching`), else starts its own.
    @discardableResult
    public func apply(_ update: FeedUpdate) throws(StoreError) -> IngestSummary {
        try write { db in
            let firstID = try Self.nextArticleID(db)
            let summary = try Self.applyOne(update, storyIndex: storyIndex, db: db)
            try IngestStatements.indexArticles(from: firstID, db)
            return summary
        }
    }

    /// Applies several feeds' updates in one transaction: a feed's update is stored whole or not at all, as with
    /// `apply(_:)`, but the commit and the full-text index's flush are paid once for all of them (what the fetch
    /// cycle does when feeds arrive faster than one commit each allows).
    ///
    /// The batch is first written without a savepoint per feed: a savepoint has SQLite copy every page it changes
    /// to its sub-journal first, which for a batch of feeds writing at random places in the indexes was more data
    /// than the batch stored. Should any update fail, that transaction is rolled back and the batch written again
    /// with each update inside a savepoint of its own, so that the failure leaves the others stored.
    ///
    /// - Returns: one result per update, in order; an update that fails leaves the others stored.
    public func apply(batch updates: [FeedUpdate]) -> [Result<IngestSummary, StoreError>] {
        // Only an update's own failure is worth the second pass: one of the whole transaction (the lock held by
        // another process past the busy timeout, a full disk at commit) would fail it again, after as long a wait.
        var updateFailed = false
        do {
            let summaries = try write { db in try Self.applyTogether(updates, storyIndex, &updateFailed, db) }
            return summaries.map { .success($0) }
        } catch {
            guard updateFailed else { return updates.map { _ in .failure(error) } }
        }
        do {
            return try write { db in try Self.applyEach(updates, storyIndex, path: path, db) }
        } catch {
            return updates.map { _ in .failure(error) }
        }
    }

    /// Applies `updates` in the open transaction, throwing at the first that fails (and setting `updateFailed` when
    /// it is an update that failed, not the indexing between them).
    private static func applyTogether(
        _ updates: [FeedUpdate], _ storyIndex: StoryIndex, _ updateFailed: inout Bool, _ db: Database
    ) throws -> [IngestSummary] {
        var pending = PendingIndex(db: db)
        var summaries: [IngestSummary] = []
        for update in updates {
            try pending.prepare(for: update.feedID)
            do {
                summaries.append(try applyOne(update, storyIndex: storyIndex, db: db))
            } catch {
                updateFailed = true
                throw error
            }
        }
        try pending.finish()
        return summaries
    }

    /// Applies each of `updates` inside a savepoint of its own in the open transaction: one that fails is rolled
    /// back alone and reported in its place.
    private static func applyEach(_ updates: [FeedUpdate], _ storyIndex: StoryIndex, path: String, _ db: Database)
        throws -> [Result<IngestSummary, StoreError>]
    {
        var pending = PendingIndex(db: db)
        var results: [Result<IngestSummary, StoreError>] = []
        for update in updates {
            try pending.prepare(for: update.feedID)
            var summary = IngestSummary()
            do {
                try db.inSavepoint {
                    summary = try applyOne(update, storyIndex: storyIndex, db: db)
                    return .commit
                }
                results.append(.success(summary))
            } catch {
                results.append(.failure(StoreError(path: path, kind: .database(message(error)))))
            }
        }
        try pending.finish()
        return results
    }

    /// The articles a batch inserted and the full-text index does not hold yet, indexed once at the end.
    ///
    /// FTS5 writes its pending terms out as a new segment at every savepoint, so indexing inside each feed's would
    /// leave a segment per feed to merge. A feed rolled back left no rows, so the ids from the first one on are
    /// exactly the transaction's articles not yet indexed.
    private struct PendingIndex {
        let db: Database
        /// The id of the batch's first article not yet indexed; nil before the first update.
        private var firstID: Int64?
        private var feeds = Set<Int64>()

        init(db: Database) {
            self.db = db
        }

        /// Called before each update: a second update of a feed may change the articles the first inserted, and the
        /// index's triggers expect them indexed, so what is pending is indexed first.
        mutating func prepare(for feedID: Int64) throws {
            guard let pending = firstID else {
                firstID = try FeedStore.nextArticleID(db)
                feeds.insert(feedID)
                return
            }
            if !feeds.insert(feedID).inserted {
                try IngestStatements.indexArticles(from: pending, db)
                firstID = try FeedStore.nextArticleID(db)
            }
        }

        /// Indexes what the batch inserted.
        func finish() throws {
            guard let firstID else { return }
            try IngestStatements.indexArticles(from: firstID, db)
        }
    }

    private static func applyOne(_ update: FeedUpdate, storyIndex: StoryIndex, db: Database) throws -> IngestSummary {
        var summary = IngestSummary()
        let attempted = update.attemptedAt.timeIntervalSince1970
        let failuresBefore =
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT consecutive_failures FROM feed WHERE id = ?"),
                arguments: [update.feedID])
            ?? 0
        switch update.outcome {
        case .fetched(let status, let etag, let lastModified, let title, let siteLink, let articles):
            summary = try Self.ingest(
                articles, feedID: update.feedID, now: update.attemptedAt, keeping: update.keepingStored,
                storyIndex: storyIndex, db: db)
            try db.cachedStatement(
                sql: """
                    UPDATE feed SET etag = ?, last_modified = ?, feed_title = coalesce(?, feed_title),
                        site_link = coalesce(?, site_link), last_attempt_at = ?, last_success_at = ?,
                        last_status = ?, last_error = NULL, failing_since = NULL, consecutive_failures = 0,
                        next_due_at = ?, next_due_reason = ?, \(Self.pollAssignments)
                    WHERE id = ?
                    """
            ).execute(arguments: [
                etag, lastModified, title, siteLink, attempted, attempted, status,
                update.nextDueAt.timeIntervalSince1970, update.nextDueReason?.rawValue, update.pollSeconds,
                update.pollSeconds, update.pollReason?.rawValue, update.feedID,
            ])
            if let report = update.fullText {
                try Self.record(report, feedID: update.feedID, at: update.attemptedAt, db: db)
            }
            if let memory = update.templateMemory {
                try db.cachedStatement(sql: "UPDATE feed SET template_memory = ? WHERE id = ?").execute(arguments: [
                    Data(memory), update.feedID,
                ])
            }
        case .notModified(let etag, let lastModified):
            try db.cachedStatement(
                sql: """
                    UPDATE feed SET etag = coalesce(?, etag), last_modified = coalesce(?, last_modified),
                        last_attempt_at = ?, last_success_at = ?, last_status = 304, last_error = NULL,
                        failing_since = NULL, consecutive_failures = 0, next_due_at = ?, next_due_reason = ?,
                        \(Self.pollAssignments)
                    WHERE id = ?
                    """
            ).execute(arguments: [
                etag, lastModified, attempted, attempted, update.nextDueAt.timeIntervalSince1970,
                update.nextDueReason?.rawValue, update.pollSeconds, update.pollSeconds,
                update.pollReason?.rawValue, update.feedID,
            ])
        case .gone(let status):
            try db.cachedStatement(
                sql: """
                    UPDATE feed SET last_attempt_at = ?, last_status = ?, gone_at = ?,
                        last_error = 'HTTP ' || ? || ' Gone: the server says the feed was removed for good'
                    WHERE id = ?
                    """
            ).execute(arguments: [attempted, status, attempted, status, update.feedID])
        case .failed(let status, let message):
            try db.cachedStatement(
                sql: """
                    UPDATE feed SET last_attempt_at = ?, last_status = ?, last_error = ?,
                        failing_since = coalesce(failing_since, ?),
                        consecutive_failures = consecutive_failures + 1, next_due_at = ?, next_due_reason = ?
                    WHERE id = ?
                    """
            ).execute(arguments: [
                attempted, status, message, attempted, update.nextDueAt.timeIntervalSince1970,
                update.nextDueReason?.rawValue, update.feedID,
            ])
        }
        summary.movedTo = try Self.notePermanentRedirect(update, db: db)
        try Self.noteHealthChange(update, failuresBefore: failuresBefore, db: db)
        return summary
    }

    /// A feed counts as broken for alerts after this many failed fetches in a row: one failure is often a
    /// server's bad minute, and an alert for it would be noise.
    public static let brokenAfterFailures = 3

    /// Raises a `feed_broken` alert when a fetch makes the feed broken (or gone), `feed_recovered` when a broken
    /// feed fetches again.
    private static func noteHealthChange(_ update: FeedUpdate, failuresBefore: Int, db: Database) throws {
        let event: String
        var detail: String?
        switch update.outcome {
        case .fetched, .notModified:
            guard failuresBefore >= brokenAfterFailures else { return }
            event = "feed_recovered"
        case .gone(let status):
            event = "feed_broken"
            detail = "HTTP \(status) Gone"
        case .failed(_, let message):
            guard failuresBefore + 1 == brokenAfterFailures else { return }
            event = "feed_broken"
            detail = message
        }
        try db.cachedStatement(sql: "INSERT INTO alert (event, feed_id, detail, created_at) VALUES (?, ?, ?, ?)")
            .execute(arguments: [event, update.feedID, detail, update.attemptedAt.timeIntervalSince1970])
    }

    /// Sets `poll_seconds` and `poll_reason` together from three arguments (seconds, seconds, reason), or keeps
    /// both when the seconds are NULL: a reason must never describe another update's interval.
    private static let pollAssignments = """
        poll_seconds = coalesce(?, poll_seconds), poll_reason = CASE WHEN ? IS NULL THEN poll_reason ELSE ? END
        """

    /// What the boilerplate remover learned of the feed's template at its last fetch (see `FeedUpdate`), or nil
    /// when nothing was stored yet.
    public func templateMemory(feedID: Int64) throws(StoreError) -> [UInt8]? {
        try read { db in
            let data = try Data?.fetchOne(
                db.cachedStatement(sql: "SELECT template_memory FROM feed WHERE id = ?"), arguments: [feedID])
            return data?.map { Array($0) }
        }
    }

    /// Counts a permanent redirect and moves the feed to its target the second time in a row it is seen.
    private static func notePermanentRedirect(_ update: FeedUpdate, db: Database) throws -> String? {
        guard let target = update.permanentRedirect else {
            try db.cachedStatement(
                sql: "UPDATE feed SET redirect_url = NULL, redirect_count = 0 WHERE id = ? AND redirect_url IS NOT NULL"
            ).execute(arguments: [update.feedID])
            return nil
        }
        let previous = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT redirect_url, redirect_count FROM feed WHERE id = ?"),
            arguments: [update.feedID]
        )
        let count = previous?["redirect_url"] == target ? (previous?["redirect_count"] ?? 0) + 1 : 1
        // A target that is another subscription's feed (in any spelling) stays a redirect: two rows of one URL
        // cannot be, and merging two subscriptions is the owner's call.
        let taken =
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM feed WHERE (url = ? OR url_key = ?) AND id != ?"),
                arguments: [target, FeedIdentity.key(target), update.feedID]) ?? false
        guard count >= 2, !taken else {
            try db.cachedStatement(sql: "UPDATE feed SET redirect_url = ?, redirect_count = ? WHERE id = ?").execute(
                arguments: [target, count, update.feedID]
            )
            return nil
        }
        try db.cachedStatement(
            sql: """
                UPDATE feed SET moved_from = url, moved_at = ?, url = ?, url_key = ?, redirect_url = NULL,
                    redirect_count = 0
                WHERE id = ?
                """
        ).execute(arguments: [
            update.attemptedAt.timeIntervalSince1970, target, FeedIdentity.key(target), update.feedID,
        ])
        return target
    }

    private static func ingest(
        _ articles: [Article], feedID: Int64, now: Date, keeping: Set<String> = [], storyIndex: StoryIndex,
        db: Database
    ) throws
        -> IngestSummary
    {
        var summary = IngestSummary()
        guard !articles.isEmpty else {
            return summary
        }
        let statements = try IngestStatements(db)
        if articles.contains(where: { $0.signature != nil }) {
            try storyIndex.catchUp(db, now: now)
        }
        let hasTombstones =
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM tombstone WHERE feed_id = ? LIMIT 1"),
                arguments: [feedID]
            ) ?? false
        let firstID = try nextArticleID(db)
        var nextID = firstID
        let incomingGuids = Set(articles.map(\.guid))
        var byGuid = try IngestStatements.storedByGuid(incomingGuids, feedID: feedID, db)
        var seenGuids = Set<String>()
        let nowSeconds = now.timeIntervalSince1970
        for article in articles {
            // A feed that lists one guid twice gets the first copy stored, as the parser keeps the first field.
            guard seenGuids.insert(article.guid).inserted else {
                continue
            }
            if hasTombstones, try statements.isTombstoned(article, feedID: feedID) {
                summary.suppressed += 1
                continue
            }
            let (existing, storyOfCopy) = try statements.match(
                article, feedID: feedID, incomingGuids: incomingGuids, byGuid: byGuid)
            if let existing, existing.id >= firstID {
                // Another entry of this very fetch with the same link or text: the first one stands.
                summary.unchanged += 1
                continue
            }
            if let existing {
                let kept = existing.guid == article.guid && keeping.contains(article.guid)
                if kept
                    || (existing.contentHash == article.contentHash && existing.title == article.title
                        && existing.guid == article.guid)
                {
                    summary.unchanged += 1
                } else {
                    try statements.update(existing.id, with: article, now: nowSeconds)
                    if existing.guid != article.guid {
                        // The row answers to its new guid from now on, as a lookup in the table would find it.
                        byGuid[existing.guid] = nil
                    }
                    summary.updated += 1
                }
                continue
            }
            for name in article.rules.names {
                summary.ruleHits[name, default: 0] += 1
            }
            if article.rules.drop {
                try statements.drop(article, feedID: feedID, now: nowSeconds)
                summary.dropped += 1
                continue
            }
            var story = storyOfCopy
            if story == nil, let signature = article.signature {
                story = try statements.nearDuplicateStory(
                    of: signature, text: article.contentText, feedID: feedID,
                    sortAt: IngestStatements.sortAt(article, now: nowSeconds),
                    index: storyIndex, db: db)
            }
            try statements.insert(article, id: nextID, feedID: feedID, story: story ?? nextID, now: nowSeconds)
            nextID += 1
            summary.inserted += 1
        }
        return summary
    }

    /// The id the next inserted article takes. Ids are never reused (AUTOINCREMENT): a deleted article's id, or its
    /// story, must not come back on another.
    private static func nextArticleID(_ db: Database) throws -> Int64 {
        (try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM sqlite_sequence WHERE name = 'article'")) ?? 0) + 1
    }
}
