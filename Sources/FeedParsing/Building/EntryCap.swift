import FeedModel

/// Keeps at most `limit` entries of one document and counts the ones past it, so that a document of a million tiny
/// items gives a bounded result and a problem that says so, in every format and on every path (the daemon keeps a
/// whole document's entries in memory).
///
/// Used by one thread at a time: the one that delivers entries (a worker thread when entries are finished in
/// parallel), then the one that finishes the document.
final class EntryCap {
    let limit: Int
    private(set) var kept = 0
    private(set) var skipped = 0

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// True once `limit` entries have been kept: the rest need not be read.
    var isFull: Bool { kept >= limit }

    /// Counts one more entry; true when it is to be kept, false when it is past the cap.
    func admit() -> Bool {
        if kept < limit {
            kept += 1
            return true
        }
        skipped += 1
        return false
    }

    /// The problem to report when entries were skipped.
    var problem: ParseProblem? {
        guard skipped > 0 else { return nil }
        return ParseProblem(
            line: 0, message: "\(skipped) item\(skipped == 1 ? "" : "s") past the cap of \(limit) were skipped")
    }
}
