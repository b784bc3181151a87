import Dispatch
import FeedModel
import Foundation

/// Finishes entries (sanitizing their HTML, resolving their URLs) on worker threads while the XML parser goes on
/// reading, and hands them to `onEntry` in document order, one at a time.
///
/// Entries travel in batches of about `batchBytes` of captured text, so that a feed of many small entries does not
/// pay a thread hand-off per entry; a small feed is one batch. At most `window` batches are in flight, which bounds
/// memory however far the parser runs ahead. `onEntry` is called from worker threads, never concurrently with
/// itself; `drain()` submits what is left and returns once every entry has been delivered. Submit and drain from
/// one thread.
final class ConcurrentEntryFinisher: @unchecked Sendable {
    // Unchecked: `finished`, `nextToDeliver` and `isDelivering` are only touched under `lock`; `batch`,
    // `batchSize` and `submitted` only by the submitting thread; `onEntry` only by the thread holding the
    // delivery turn.
    private let queue = DispatchQueue(label: "feedd.parse.finish", attributes: .concurrent)
    private let group = DispatchGroup()
    private let lock = NSLock()
    private let window: DispatchSemaphore
    private let batchBytes: Int
    private let onEntry: (Entry) -> Void
    private let refusals: LinkRefusals
    private var batch: [(EntryAccumulator, String?)] = []
    private var batchSize = 0
    private var submitted = 0
    private var finished: [Int: [Entry]] = [:]
    private var nextToDeliver = 0
    private var isDelivering = false

    init(
        window: Int = 8, batchBytes: Int = 64 << 10, refusals: LinkRefusals, onEntry: @escaping (Entry) -> Void
    ) {
        self.window = DispatchSemaphore(value: window)
        self.batchBytes = batchBytes
        self.refusals = refusals
        self.onEntry = onEntry
    }

    func submit(_ entry: EntryAccumulator, fallbackBase: String?) {
        batch.append((entry, fallbackBase))
        batchSize += entry.textSize
        if batchSize >= batchBytes { flush() }
    }

    /// Waits until every submitted entry has been handed to `onEntry`.
    func drain() {
        flush()
        group.wait()
    }

    private func flush() {
        guard !batch.isEmpty else { return }
        window.wait()
        let entries = batch
        let index = submitted
        batch = []
        batchSize = 0
        submitted += 1
        queue.async(group: group) {
            self.complete(index, entries.map { $0.0.finish(fallbackBase: $0.1, refusals: self.refusals) })
        }
    }

    private func complete(_ index: Int, _ entries: [Entry]) {
        lock.lock()
        finished[index] = entries
        guard !isDelivering else {
            // The thread holding the delivery turn will pick this batch up when its turn comes.
            lock.unlock()
            return
        }
        isDelivering = true
        while let next = finished.removeValue(forKey: nextToDeliver) {
            nextToDeliver += 1
            lock.unlock()
            next.forEach(onEntry)
            window.signal()
            lock.lock()
        }
        isDelivering = false
        lock.unlock()
    }
}
