import Dispatch
import FeedModel
import FeedStore

/// The entries of one feed while their article pages come in, confined to the worker queue that extracts them.
///
/// Every method runs on `queue`, a serial queue; that confinement, which `dispatchPrecondition` asserts, is what
/// makes the unchecked `Sendable` sound. The last page's update calls `finish` once, still on `queue`.
final class PageBatch: @unchecked Sendable {
    private let queue: DispatchQueue
    private var entries: [Entry]
    private var report = FullTextReport()
    private var remaining: Int
    /// Entries whose pages are tried again at the feed's next fetch.
    private var retrying: Set<Int> = []
    private let finish: @Sendable ([Entry], FullTextReport, Set<Int>) -> Void

    /// A batch waiting for `pages` pages; with none, `finish` runs at once, on `queue`.
    init(
        document: FeedDocument, pages: Int, queue: DispatchQueue,
        finish: @escaping @Sendable ([Entry], FullTextReport, Set<Int>) -> Void
    ) {
        self.queue = queue
        entries = document.entries
        remaining = pages
        self.finish = finish
        if pages == 0 {
            queue.async { [self] in
                finish(entries, report, retrying)
            }
        }
    }

    /// Applies one page's result to entry `index` (`change` says whether the entry waits for another try); the
    /// last one finishes the batch.
    func update(_ index: Int, _ change: (inout Entry, inout FullTextReport) -> Bool) {
        dispatchPrecondition(condition: .onQueue(queue))
        if change(&entries[index], &report) {
            retrying.insert(index)
        }
        remaining -= 1
        if remaining == 0 {
            finish(entries, report, retrying)
        }
    }
}
