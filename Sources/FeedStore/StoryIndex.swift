import FeedModel
import Foundation
internal import GRDB

/// The locality-sensitive hashing index of recent articles' story sketches, kept in memory by each process that
/// writes to the store.
///
/// Only band keys of articles first seen within `StoryMatching.window` twice over are kept, each with the ids of up
/// to `idsPerKey` articles (articles sharing a band key are nearly always one story; a few ids let an article find
/// another feed's copy when its own feed's came first). The index follows the article table by id: before each feed
/// is stored it reads the articles added since (by this process, or by another, such as `feedctl add`), and a
/// process that starts reads the window once. Rows read inside a transaction that is then rolled back are forgotten
/// by rebuilding at the next use. It is rebuilt from the table every few hours too, which drops what left the window
/// and what was deleted. Persisting the bands as an SQLite index instead cost a random B-tree
/// page write per band and article: most of the time of storing an article, and write amplification the owner's SD
/// card would pay for.
///
/// Kept small, as it lives as long as the daemon: a band key is kept as 32 of its bits and an id as its distance
/// from the window's first id, 8 bytes an entry in a sorted array (`StoryBandTable`) where a dictionary of 64-bit
/// keys and ids took 16 bytes a slot, and up to twice as many slots as entries. A key that shares its 32 bits with
/// another only brings a candidate more, which the signatures' comparison then turns down.
///
/// Used only inside write transactions, which the store serializes; the lock makes that explicit.
final class StoryIndex: @unchecked Sendable {
    private let lock = NSLock()
    /// The articles of each band key, as distances from `base`.
    private var bands = StoryBandTable(idsPerKey: StoryIndex.idsPerKey)
    /// The id the entries count from: the one before the window's first article when the index was built.
    private var base: Int64 = 0
    /// The highest article id read into the index.
    private var lastID: Int64 = 0
    private var builtAt: Date?

    /// How long a built index is trusted before it is read afresh.
    static let rebuildInterval: TimeInterval = 6 * 3600
    /// The most articles remembered per band key.
    static let idsPerKey = 4

    /// Reads the articles stored since the last call (all of the window's, the first time or when a rebuild is due).
    func catchUp(_ db: Database, now: Date) throws {
        lock.lock()
        defer { lock.unlock() }
        let horizon = now.timeIntervalSince1970 - 2 * StoryMatching.window
        if builtAt.map({ now.timeIntervalSince($0) > Self.rebuildInterval || $0 > now }) ?? true {
            bands.removeAll()
            lastID =
                try Int64.fetchOne(
                    db, sql: "SELECT min(id) - 1 FROM article WHERE first_seen_at >= ?", arguments: [horizon])
                ?? Int64.max
            if lastID == Int64.max {
                lastID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM article") ?? 0
            }
            base = lastID
            builtAt = now
        }
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: "SELECT id, signature FROM article WHERE id > ? AND signature IS NOT NULL ORDER BY id"),
            arguments: [lastID])
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let data: Data = row[1]
            lastID = id
            // Four billion articles past the window's start: the next use rebuilds from a later start.
            guard let offset = UInt32(exactly: id - base) else {
                builtAt = nil
                continue
            }
            guard let signature = StorySignature(encoded: Array(data)) else { continue }
            for band in signature.bandKeys {
                bands.insert(offset, under: Self.shortKey(band))
            }
        }
        if let newest = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM article")), newest > lastID {
            lastID = newest
        }
        // What was read may be rows of this very transaction; if it rolls back, their ids come again.
        db.afterNextTransaction(
            onCommit: { _ in },
            onRollback: { [weak self] _ in self?.invalidate() })
    }

    /// Forgets everything; the next `catchUp` rebuilds from the table.
    private func invalidate() {
        lock.lock()
        defer { lock.unlock() }
        builtAt = nil
    }

    /// The ids of indexed articles that share at least one band with `signature`.
    func candidates(for signature: StorySignature) -> [Int64] {
        lock.lock()
        defer { lock.unlock() }
        var found: [Int64] = []
        for band in signature.bandKeys {
            for offset in bands.values(under: Self.shortKey(band)) {
                let id = base + Int64(offset)
                if !found.contains(id) {
                    found.append(id)
                }
            }
        }
        return found
    }

    /// A band key folded to 32 bits, both halves counting.
    private static func shortKey(_ band: Int64) -> UInt32 {
        let bits = UInt64(bitPattern: band)
        return UInt32(truncatingIfNeeded: bits ^ (bits >> 32))
    }
}
