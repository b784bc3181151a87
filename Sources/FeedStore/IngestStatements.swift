import FeedModel
import Foundation
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

    private let related: Statement
    private let textOfArticle: Statement
    private let tombstone: Statement
    private let insertArticle: Statement
    private let updateArticle: Statement
    private let insertTag: Statement
    private let insertHit: Statement
    private let insertAlert: Statement
    private let bury: Statement

    init(_ db: Database) throws {
        // Every stored article, of any feed, with the same link or the same content: one of this feed is the
        // incoming article under another guid; one of another feed tells the story it belongs to. Other feeds'
        // articles that open with the same words come too (kind 2), without their text, which only a teaser
        // check needs: one statement for the common case of no match at all.
        related = try db.cachedStatement(
            sql: """
                SELECT id, guid, title, content_hash, feed_id, story_id, 0, canonical_url FROM article
                WHERE url_key = ?
                UNION ALL
                SELECT id, guid, title, content_hash, feed_id, story_id, 1, NULL FROM article WHERE content_hash = ?
                UNION ALL
                SELECT id, guid, title, content_hash, feed_id, story_id, 2, NULL FROM article
                WHERE lead_hash = ? AND feed_id != ?
                """
        )
        textOfArticle = try db.cachedStatement(sql: "SELECT content_text FROM article WHERE id = ?")
        tombstone = try db.cachedStatement(sql: "SELECT 1 FROM tombstone WHERE feed_id = ? AND key IN (?, ?, ?)")
        insertArticle = try db.cachedStatement(
            sql: """
                INSERT INTO article (id, feed_id, guid, guid_is_derived, canonical_url, link, title, authors,
                    published_at, updated_at, first_seen_at, sort_at, summary, content_html, content_text,
                    enclosures, categories, content_hash, story_id, signature, lead_hash, read_at, starred_at,
                    highlighted, url_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        insertTag = try db.cachedStatement(sql: "INSERT OR IGNORE INTO article_tag (article_id, tag) VALUES (?, ?)")
        insertHit = try db.cachedStatement(
            sql: "INSERT INTO rule_hit (rule, article_id, feed_id, hit_at) VALUES (?, ?, ?, ?)")
        insertAlert = try db.cachedStatement(
            sql: """
                INSERT INTO alert (event, sink, rule, article_id, feed_id, created_at)
                VALUES ('rule', ?, ?, ?, ?, ?)
                """)
        bury = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO tombstone (feed_id, key, deleted_at) VALUES (?, ?, ?)")

        updateArticle = try db.cachedStatement(
            sql: """
                UPDATE article SET guid = ?, guid_is_derived = ?, canonical_url = ?, link = ?, title = ?,
                    authors = ?, published_at = coalesce(?, published_at),
                    sort_at = CASE WHEN ? IS NULL THEN sort_at ELSE min(?, ?) END, updated_at = ?, summary = ?,
                    content_html = ?, content_text = ?, enclosures = ?, categories = ?, content_hash = ?,
                    signature = ?, lead_hash = ?, url_key = ?
                WHERE id = ?
                """
        )
    }

    /// Adds the articles from id `first` on (the transaction's inserts) to the full-text index in one statement,
    /// after the updates that inserted them and outside any savepoint.
    static func indexArticles(from first: Int64, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO article_search(rowid, title, content_text)
                SELECT id, title, content_text FROM article WHERE id >= ?
                """
        ).execute(arguments: [first])
    }

    /// The stored articles of a feed with any of `guids`, by guid: one query per 500 guids instead of a seek per
    /// article, whose statement overhead was most of an identity lookup's cost.
    static func storedByGuid(_ guids: some Collection<String>, feedID: Int64, _ db: Database) throws -> [String: Match]
    {
        var matches: [String: Match] = [:]
        let guids = Array(guids)
        for start in stride(from: 0, to: guids.count, by: 500) {
            let chunk = guids[start..<min(start + 500, guids.count)]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, guid, title, content_hash FROM article
                    WHERE feed_id = ? AND guid IN (\(chunk.map { _ in "?" }.joined(separator: ", ")))
                    """,
                arguments: StatementArguments([feedID] + chunk.map { $0 as String })
            )
            while let row = try rows.next() {
                let match = Match(id: row[0], guid: row[1], title: row[2], contentHash: row[3])
                matches[match.guid] = match
            }
        }
        return matches
    }

    /// The rows `related` finds, those found by URL key narrowed to the URL's own spellings and in the order a
    /// lookup of those spellings returns them (by URL, then id).
    private func relatedRows(of article: Article, feedID: Int64) throws -> [Row] {
        let rows = try Row.fetchAll(
            related,
            arguments: [
                article.canonicalURL.map(ArticleURLKey.key(of:)), article.contentHash, article.leadHash, feedID,
            ])
        guard rows.contains(where: { $0[6] as Int == 0 }) else { return rows }
        let spellings = Set(Self.spellings(of: article.canonicalURL).compactMap { $0 })
        let byURL = rows.filter { $0[6] as Int == 0 && ($0[7] as String?).map(spellings.contains) == true }.sorted {
            let (left, right): (String, String) = ($0[7], $1[7])
            if left.utf8.elementsEqual(right.utf8) { return ($0[0] as Int64) < ($1[0] as Int64) }
            return left.utf8.lexicographicallyPrecedes(right.utf8)
        }
        return byURL + rows.filter { $0[6] as Int != 0 }
    }

    /// The stored article of this feed the incoming one is, and else the story of another feed's copy of it.
    ///
    /// Same guid first; else the same canonical URL (under either scheme, with or without `www.` or `m.`), else the
    /// same content, within the feed. Across feeds, a shared URL is stronger evidence of one story than shared
    /// content, so it wins; the weakest is a teaser whose whole text opens another feed's article (found through
    /// `leadHash`, checked by `TeaserText`): two articles that merely open alike are not joined.
    ///
    /// - Parameters:
    ///   - incomingGuids: every guid of the fetch; a stored article whose guid is among them is another item, not
    ///     this one under a new guid.
    ///   - byGuid: the feed's stored articles with the fetch's guids (`storedByGuid`), as they stand now.
    func match(_ article: Article, feedID: Int64, incomingGuids: Set<String>, byGuid: [String: Match]) throws -> (
        match: Match?, story: Int64?
    ) {
        if let match = byGuid[article.guid] {
            return (match, nil)
        }
        let rows = try relatedRows(of: article, feedID: feedID)
        var byContent: Match?
        var storyByURL: Int64?
        var storyByContent: Int64?
        var sameOpening: [(id: Int64, story: Int64)] = []
        for row in rows {
            let kind: Int = row[6]
            let isContent = kind == 1
            if kind == 2 {
                sameOpening.append((row[0], row[5]))
            } else if row[4] as Int64 == feedID {
                let match = Match(id: row[0], guid: row[1], title: row[2], contentHash: row[3])
                guard article.guidIsDerived || !incomingGuids.contains(match.guid) else {
                    continue
                }
                if !isContent {
                    return (match, nil)
                }
                byContent = byContent ?? match
            } else if isContent {
                storyByContent = storyByContent ?? row[5]
            } else {
                storyByURL = storyByURL ?? row[5]
            }
        }
        if let byContent {
            return (byContent, nil)
        }
        return (nil, try storyByURL ?? storyByContent ?? storyOfTeaser(article, among: sameOpening))
    }

    /// The story of the article among `candidates` (other feeds' articles that open alike, newest first tried)
    /// that `article` is a teaser of, or that is a teaser of `article`.
    private func storyOfTeaser(_ article: Article, among candidates: [(id: Int64, story: Int64)]) throws -> Int64? {
        guard let text = article.contentText, !candidates.isEmpty else { return nil }
        for candidate in candidates.sorted(by: { $0.id > $1.id }).prefix(16) {
            guard let other = try String.fetchOne(textOfArticle, arguments: [candidate.id]) else { continue }
            if TeaserText.isOpening(of: text, other) || TeaserText.isOpening(of: other, text) { return candidate.story }
        }
        return nil
    }

    /// The eight spellings of one article's URL that match it (nil where there are fewer): the URL and its
    /// host variants (`www.`, `m.`), each under both schemes.
    private static func spellings(of url: String?) -> [String?] {
        guard let url else { return [String?](repeating: nil, count: 8) }
        var spellings: [String?] = []
        for spelling in [url] + CanonicalURL.hostVariants(of: url).prefix(3) {
            spellings.append(spelling)
            spellings.append(otherScheme(of: spelling))
        }
        return spellings + [String?](repeating: nil, count: 8 - spellings.count)
    }

    /// A site that moved from http to https (or back) keeps its paths: the same URL under the other scheme is the
    /// same article.
    private static func otherScheme(of url: String?) -> String? {
        guard let url else { return nil }
        if url.hasPrefix("https://") { return "http://" + url.dropFirst(8) }
        if url.hasPrefix("http://") { return "https://" + url.dropFirst(7) }
        return nil
    }

    /// The story of another feed's stored article whose text is the closest near-duplicate of `signature` (the
    /// sketch of `text`), if any is close enough: sketches agreeing in at least `StoryMatching.threshold` of their values, published within
    /// `StoryMatching.window` of `sortAt`. Candidates come from the band index (`StoryIndex`), so the cost does
    /// not grow with the store.
    ///
    /// The feed's own articles are left out: a feed's posts made from one template (earthquake reports, weather,
    /// release notes) look alike without being one story, and a feed re-publishing its own story is caught by
    /// identity (link or text) instead.
    func nearDuplicateStory(
        of signature: StorySignature, text: String?, feedID: Int64, sortAt: Double, index: StoryIndex, db: Database
    ) throws -> Int64? {
        let candidates = index.candidates(for: signature)
        guard !candidates.isEmpty else { return nil }
        // A short text is compared on its facts too: its template can outweigh them in the sketch.
        let isShort = signature.shingleCount < StoryMatching.shortShingles
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, story_id, sort_at, signature, feed_id, \(isShort ? "content_text" : "NULL") FROM article
                WHERE id IN (\(candidates.map { _ in "?" }.joined(separator: ", ")))
                """,
            arguments: StatementArguments(candidates))
        var best: (similarity: Double, story: Int64)?
        for row in rows {
            let candidateSortAt: Double = row[2]
            let data: Data? = row[3]
            let candidateFeed: Int64 = row[4]
            guard candidateFeed != feedID, abs(candidateSortAt - sortAt) <= StoryMatching.window, let data,
                let other = StorySignature(encoded: Array(data))
            else { continue }
            let similarity = signature.similarity(to: other)
            let story: Int64 = row[1]
            guard similarity >= StoryMatching.threshold else { continue }
            if isShort, let text, let otherText: String = row[5], StoryMatching.factsDiffer(text, otherText) {
                continue
            }
            if let current = best,
                current.similarity > similarity
                    || (current.similarity == similarity && current.story <= story)
            {
                continue
            }
            best = (similarity, story)
        }
        return best?.story
    }

    /// True when the owner or retention removed this article: by its guid, or, for an entry without a guid of its
    /// own, by its link or text.
    func isTombstoned(_ article: Article, feedID: Int64) throws -> Bool {
        let keys = TombstoneKeys(article)
        let url = article.guidIsDerived ? keys.url : nil
        let hash = article.guidIsDerived ? keys.hash : nil
        return try Bool.fetchOne(tombstone, arguments: [feedID, keys.guid, url, hash]) ?? false
    }

    /// Where `article` sorts: by publication, or by arrival when undated or dated in the future (an entry dated in
    /// the future must not stick to the top of every listing).
    static func sortAt(_ article: Article, now: Double) -> Double {
        min(article.published?.timeIntervalSince1970 ?? now, now)
    }

    func insert(_ article: Article, id: Int64, feedID: Int64, story: Int64, now: Double) throws {
        let published = article.published?.timeIntervalSince1970
        let sortAt = Self.sortAt(article, now: now)
        try insertArticle.execute(arguments: [
            id, feedID, article.guid, article.guidIsDerived, article.canonicalURL, article.link, article.title,
            JSONWriter.text { $0.authors(article.authors) }, published, article.updated?.timeIntervalSince1970,
            now, sortAt, article.summary, article.contentHTML, article.contentText,
            JSONWriter.text { $0.enclosures(article.enclosures) }, StoredJSON.text(strings: article.categories),
            article.contentHash, story, article.signature.map { Data($0.encoded) }, article.leadHash,
            article.rules.read ? now : nil, article.rules.star ? now : nil, article.rules.highlight,
            article.canonicalURL.map(ArticleURLKey.key(of:)),
        ])
        guard !article.rules.isEmpty else { return }
        for tag in article.rules.tags {
            try insertTag.execute(arguments: [id, tag])
        }
        try recordRules(article.rules, articleID: id, feedID: feedID, now: now)
    }

    /// Remembers a new article a rule dropped, as removing it would: its keys keep it out of the store for good.
    func drop(_ article: Article, feedID: Int64, now: Double) throws {
        let keys = TombstoneKeys(article)
        for key in [keys.guid, keys.url, keys.hash].compactMap({ $0 }) {
            try bury.execute(arguments: [feedID, key, now])
        }
        try recordRules(article.rules, articleID: nil, feedID: feedID, now: now)
    }

    /// The rules that touched an article, and the alerts its `notify:` actions raise.
    private func recordRules(_ marks: RuleMarks, articleID: Int64?, feedID: Int64, now: Double) throws {
        for name in marks.names {
            try insertHit.execute(arguments: [name, articleID, feedID, now])
        }
        guard let articleID else { return }
        for sink in marks.notify {
            // The rule named in the alert is the first that asked for this sink; the payload lists them all.
            try insertAlert.execute(arguments: [sink, marks.notifiedBy[sink], articleID, feedID, now])
        }
    }

    func update(_ id: Int64, with article: Article, now: Double) throws {
        let published = article.published?.timeIntervalSince1970
        try updateArticle.execute(arguments: [
            article.guid, article.guidIsDerived, article.canonicalURL, article.link, article.title,
            JSONWriter.text { $0.authors(article.authors) }, published, published, published, now,
            article.updated?.timeIntervalSince1970 ?? now, article.summary, article.contentHTML, article.contentText,
            JSONWriter.text { $0.enclosures(article.enclosures) }, StoredJSON.text(strings: article.categories),
            article.contentHash, article.signature.map { Data($0.encoded) }, article.leadHash,
            article.canonicalURL.map(ArticleURLKey.key(of:)), id,
        ])
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
