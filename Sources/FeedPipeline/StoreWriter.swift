import Dispatch
import FeedStore
import Synchronization

/// Writes feed updates from many workers through one queue, several per transaction when they queue up.
///
/// While one transaction is being written, the updates that arrive wait; the next transaction takes all of them
/// (each still whole or not at all, see `FeedStore.apply(batch:)`). With one feed arriving at a time this is one
/// transaction per feed; under a burst of a thousand it pays the commit and the index flush far fewer times.
final class StoreWriter: Sendable {
    typealias Completion = @Sendable (Result<IngestSummary, StoreError>) -> Void

    private struct State {
        var pending: [(FeedUpdate, Completion)] = []
        var draining = false
    }

    private let store: FeedStore
    private let queue = DispatchQueue(label: "feedd.pipeline.store", qos: .utility)
    private let state = Mutex(State())
    /// The most updates in one transaction, so a burst does not hold the write lock for long.
    private let largestBatch = 32

    init(store: FeedStore) {
        self.store = store
    }

    /// Queues `update`; `completion` runs on the writer's queue once it is stored (or failed).
    func submit(_ update: FeedUpdate, completion: @escaping Completion) {
        let start = state.withLock { state -> Bool in
            state.pending.append((update, completion))
            guard !state.draining else { return false }
            state.draining = true
            return true
        }
        if start {
            queue.async { [self] in drain() }
        }
    }

    private func drain() {
        while true {
            let batch = state.withLock { state -> [(FeedUpdate, Completion)] in
                let batch = Array(state.pending.prefix(largestBatch))
                state.pending.removeFirst(batch.count)
                if batch.isEmpty {
                    state.draining = false
                }
                return batch
            }
            guard !batch.isEmpty else { return }
            let results = store.apply(batch: batch.map(\.0))
            for ((_, completion), result) in zip(batch, results) {
                completion(result)
            }
        }
    }
}
