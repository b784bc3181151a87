import Dispatch
import FeedModel
import Foundation

/// Finishes entries (sanitizing their HTML, resolving their URLs) on worker threads while the XML parser goes on
/// reading, and hands them to `onEntry` in document order, one at a time.
///
/// At most `window` entries are in flight, so memory stays bounded however far the parser runs ahead. `onEntry` is
/// called from worker threads, never concurrently with itself; `drain()` returns once every submitted entry has
/// been delivered. Submit and drain from one thread.
final class ConcurrentEntryFinisher: @unchecked Sendable {
    // Unchecked: `pending`, `nextToDeliver` and `isDelivering` are only touched under `lock`; `submitted` only by
    // the submitting thread; `onEntry` only by the one thread that holds the delivery turn.
    private let queue = DispatchQueue(label: "feedd.parse.finish", attributes: .concurrent)
    private let group = DispatchGroup()
    private let lock = NSLock()
    private let window: DispatchSemaphore
    private let onEntry: (Entry) -> Void
    private var pending: [Int: Entry] = [:]
    private var nextToDeliver = 0
    private var isDelivering = false
    private var submitted = 0

    init(window: Int = 64, onEntry: @escaping (Entry) -> Void) {
        self.window = DispatchSemaphore(value: window)
        self.onEntry = onEntry
    }

    func submit(_ entry: EntryAccumulator, fallbackBase: String?) {
        window.wait()
        let index = submitted
        submitted += 1
        queue.async(group: group) {
            self.complete(index, entry.finish(fallbackBase: fallbackBase))
        }
    }

    /// Waits until every submitted entry has been handed to `onEntry`.
    func drain() {
        group.wait()
    }

    private func complete(_ index: Int, _ entry: Entry) {
        lock.lock()
        pending[index] = entry
        guard !isDelivering else {
            // The thread holding the delivery turn will pick this one up when its turn comes.
            lock.unlock()
            return
        }
        isDelivering = true
        while let next = pending.removeValue(forKey: nextToDeliver) {
            nextToDeliver += 1
            lock.unlock()
            onEntry(next)
            window.signal()
            lock.lock()
        }
        isDelivering = false
        lock.unlock()
    }
}
