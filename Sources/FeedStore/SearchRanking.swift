import Foundation
internal import GRDB
internal import GRDBSQLite

/// BM25 ranking for `search`, with each term's weight (its IDF) measured on the most recent articles.
///
/// FTS5's own `bm25()` counts, for every term, each article of the store that holds it, before it scores the first
/// row: 25 ms for a word in most of a million articles, whatever the window of matches scored. `feedd_bm25(idf…)`
/// scores a row as `bm25()` does, with the term weights given by the caller (`weights(for:db:)` counts the terms in
/// the newest `sampleSize` articles only), so a search costs the same for a common word as for a rare one. Given
/// weights for a different number of phrases than the query has, it counts them over the whole store as `bm25()`
/// does, once per query.
///
/// Registered on every connection of the store (`register(_:)`), since FTS5 functions belong to a connection.
enum SearchRanking {
    /// The name of the ranking function in SQL.
    static let functionName = "feedd_bm25"
    /// How many of the newest articles the term weights are counted in.
    static let sampleSize: Int64 = 20_000
    /// The most phrases whose weights are counted in the sample and passed to `feedd_bm25`.
    static let maximumWeighedPhrases = 64
    /// BM25's parameters, as FTS5 sets them.
    static let k1 = 1.2
    static let b = 0.75

    /// Makes `feedd_bm25` available to the connection's full-text queries.
    static func register(_ db: Database) {
        let api = FTS5.api(db)
        _ = api.pointee.xCreateFunction(
            UnsafeMutablePointer(mutating: api), functionName, nil, rankRow, nil)
    }

    /// The term weight of a term found in `hits` of `rows` articles, as FTS5's `bm25()` computes it: never zero or
    /// below, so that a word in most articles still counts a little.
    static func weight(hits: Int64, rows: Int64) -> Double {
        let idf = log((0.5 + Double(rows - hits)) / (0.5 + Double(hits)))
        return idf > 0 ? idf : 1e-6
    }

    /// The `rank` value that orders a search for the phrases `phrases` (`SearchExpression.phrases`, in the
    /// order FTS5 numbers them) by `feedd_bm25`, with their weights counted in the newest `sampleSize` articles.
    static func rank(for phrases: [String], db: Database) throws -> String {
        // Past this many, the weights are left to `feedd_bm25` to count once: FTS5 reads its arguments as the columns
        // of a SELECT, which SQLite caps at 2,000.
        guard phrases.count <= maximumWeighedPhrases else {
            return "\(functionName)()"
        }
        let newest = try Int64.fetchOne(db, sql: "SELECT max(id) FROM article_search_docsize") ?? 0
        let floor = newest - sampleSize + 1
        // The index's row sizes, a few bytes per article, are the cheap way to count the sample.
        let rows =
            try Int64.fetchOne(db, sql: "SELECT count(*) FROM article_search_docsize WHERE id >= ?", arguments: [floor])
            ?? 0
        var weights: [Double] = []
        for phrase in phrases {
            let hits =
                try Int64.fetchOne(
                    db, sql: "SELECT count(*) FROM article_search WHERE article_search MATCH ? AND rowid >= ?",
                    arguments: [phrase, floor]) ?? 0
            weights.append(weight(hits: hits, rows: rows))
        }
        // FTS5 reads the arguments as plain decimals: no exponent.
        return "\(functionName)(" + weights.map { String(format: "%.12f", $0) }.joined(separator: ", ") + ")"
    }
}

/// `feedd_bm25(idf…)`: the BM25 score of the current row (negative, best first), FTS5's formula with the given
/// term weights.
private let rankRow: fts5_extension_function = { api, fts, context, argumentCount, arguments in
    guard let api = api?.pointee else { return }
    let phraseCount = Int(api.xPhraseCount(fts))
    var status = SQLITE_OK
    var rows: sqlite3_int64 = 0
    var tokens: sqlite3_int64 = 0
    status = api.xRowCount(fts, &rows)
    if status == SQLITE_OK { status = api.xColumnTotalSize(fts, -1, &tokens) }
    var weights = [Double](repeating: 0, count: phraseCount)
    if status == SQLITE_OK, Int(argumentCount) == phraseCount, let arguments {
        for phrase in 0..<phraseCount {
            weights[phrase] = sqlite3_value_double(arguments[phrase])
        }
    } else if status == SQLITE_OK, let counted = api.xGetAuxdata(fts, 0) {
        weights = Array(UnsafeBufferPointer(start: counted.assumingMemoryBound(to: Double.self), count: phraseCount))
    } else if status == SQLITE_OK {
        // Not the weights of this query's phrases (a term FTS5 drops, such as a lone "-", shifts them): count them in
        // the whole store, as bm25() does, once per query. The counts are kept with the query (its auxiliary data),
        // since every row of a common word counting every match again would take minutes.
        for phrase in 0..<phraseCount where status == SQLITE_OK {
            var hits: Int64 = 0
            status = api.xQueryPhrase(fts, Int32(phrase), &hits) { _, _, hits in
                hits?.assumingMemoryBound(to: Int64.self).pointee += 1
                return SQLITE_OK
            }
            weights[phrase] = SearchRanking.weight(hits: hits, rows: rows)
        }
        if status == SQLITE_OK {
            let counted = UnsafeMutablePointer<Double>.allocate(capacity: max(phraseCount, 1))
            counted.initialize(from: weights, count: phraseCount)
            // FTS5 frees it with the query, or at once when it cannot keep it.
            status = api.xSetAuxdata(fts, counted) { $0?.deallocate() }
        }
    }
    var frequencies = [Double](repeating: 0, count: phraseCount)
    var instances: Int32 = 0
    if status == SQLITE_OK { status = api.xInstCount(fts, &instances) }
    for instance in 0..<instances where status == SQLITE_OK {
        var phrase: Int32 = 0
        var column: Int32 = 0
        var offset: Int32 = 0
        status = api.xInst(fts, instance, &phrase, &column, &offset)
        if status == SQLITE_OK, phrase >= 0, Int(phrase) < phraseCount {
            frequencies[Int(phrase)] += 1
        }
    }
    var length: Int32 = 0
    if status == SQLITE_OK { status = api.xColumnSize(fts, -1, &length) }
    guard status == SQLITE_OK else {
        sqlite3_result_error_code(context, status)
        return
    }
    let averageLength = rows > 0 ? Double(tokens) / Double(rows) : 1
    let k1 = SearchRanking.k1
    let b = SearchRanking.b
    var score = 0.0
    for phrase in 0..<phraseCount {
        let frequency = frequencies[phrase]
        score +=
            weights[phrase] * (frequency * (k1 + 1))
            / (frequency + k1 * (1 - b + b * Double(length) / averageLength))
    }
    sqlite3_result_double(context, -score)
}
