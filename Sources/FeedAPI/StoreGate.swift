import Dispatch
import FeedStore
import Synchronization

/// Runs the API's store calls on queues of their own, never on an event loop or Swift's cooperative pool.
///
/// A store call blocks: SQLite reads a page from disk, a write may wait up to 30 s for another process. Reads go
/// round-robin to `readers` serial queues (the store's pool reads in parallel), so fifty clients queue up instead
/// of starting fifty threads; writes go to one serial queue, one at a time, as the store's writer wants them.
public final class StoreGate: Sendable {
    public let store: FeedStore
    private let readQueues: [DispatchQueue]
    private let writeQueue = DispatchQueue(label: "feedd.api.write", qos: .utility)
    private let next = Atomic<Int>(0)

    /// - Parameter readers: how many reads run at once; the store's pool opens up to five connections.
    public init(store: FeedStore, readers: Int = 4) {
        self.store = store
        readQueues = (0..<max(readers, 1)).map { DispatchQueue(label: "feedd.api.read.\($0)", qos: .utility) }
    }

    /// Runs `body` on a read queue and returns what it returns.
    public func read<T: Sendable>(_ body: @escaping @Sendable (FeedStore) throws(StoreError) -> T)
        async throws(StoreError) -> T
    {
        let index = next.add(1, ordering: .relaxed).oldValue % readQueues.count
        return try await run(on: readQueues[index], body)
    }

    /// Runs `body` on the write queue and returns what it returns.
    public func write<T: Sendable>(_ body: @escaping @Sendable (FeedStore) throws(StoreError) -> T)
        async throws(StoreError) -> T
    {
        try await run(on: writeQueue, body)
    }

    private func run<T: Sendable>(
        on queue: DispatchQueue, _ body: @escaping @Sendable (FeedStore) throws(StoreError) -> T
    ) async throws(StoreError) -> T {
        let store = store
        let result: Result<T, StoreError> = await withCheckedContinuation { continuation in
            queue.async {
                do throws(StoreError) {
                    continuation.resume(returning: .success(try body(store)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }
}
