import Dispatch
import FeedStore
import Foundation
import Synchronization
import Testing

@testable import FeedPipeline

/// The writer between the pipeline's workers and the store: order, batches, a failure inside a batch, completions.
///
/// A batch is made deterministic by holding the writer's queue inside a completion (as a slow commit would hold
/// it): updates submitted meanwhile wait, and the next transaction takes them together. That they shared one
/// transaction shows in the store: by the time the first of them is reported stored, all of them are.
@Suite struct StoreWriterTests {
    /// Records each completion in order and lets a test hold the writer's queue inside one of them.
    final class Recorder: Sendable {
        struct Record: Sendable {
            var index: Int
            var result: Result<IngestSummary, StoreError>
            /// Feeds with a fetch attempt stored when the completion ran.
            var attemptedFeeds: Int
        }

        private let records = Mutex<[Record]>([])
        private let finished = DispatchGroup()
        private let entered = DispatchSemaphore(value: 0)
        private let release = DispatchSemaphore(value: 0)
        private let holding: Int?
        private let store: FeedStore

        /// - Parameter holding: the index whose completion waits for `release()` before returning.
        init(store: FeedStore, holding: Int? = nil) {
            self.store = store
            self.holding = holding
        }

        /// A completion for the update numbered `index`.
        func completion(_ index: Int) -> StoreWriter.Completion {
            finished.enter()
            return { [self] result in
                let attempted = (try? store.feeds().count(where: { $0.lastAttemptAt != nil })) ?? -1
                records.withLock { $0.append(Record(index: index, result: result, attemptedFeeds: attempted)) }
                if index == holding {
                    entered.signal()
                    release.wait()
                }
                finished.leave()
            }
        }

        /// Waits until the held completion runs, so what is submitted next queues behind it.
        func waitUntilHeld() -> Bool {
            entered.wait(timeout: .now() + 30) == .success
        }

        func releaseHeld() {
            release.signal()
        }

        /// Waits (bounded, against a hang) until every completion handed out has run, and returns them in order.
        func waitForAll() -> [Record]? {
            guard finished.wait(timeout: .now() + 60) == .success else { return nil }
            return records.withLock { $0 }
        }
    }

    @Test func completionsRunOnceEachInTheOrderUpdatesWereSubmitted() throws {
        let temporary = try TemporaryStore()
        let feeds = try temporary.addFeeds((0..<5).map { "https://example.org/\($0)" })
        let writer = StoreWriter(store: temporary.store)
        let recorder = Recorder(store: temporary.store)
        // The same feed twice: the later update is applied later, so its validator is the one kept.
        let updates =
            feeds.map { TemporaryStore.update(for: $0, items: 1...3, etag: "\"first\"") }
            + [TemporaryStore.update(for: feeds[0], items: 1...4, etag: "\"second\"")]
        for (index, update) in updates.enumerated() {
            writer.submit(update, completion: recorder.completion(index))
        }
        let records = try #require(recorder.waitForAll())
        #expect(records.map(\.index) == Array(0..<updates.count))
        let inserted = records.map { try? $0.result.get().inserted }
        #expect(inserted == [3, 3, 3, 3, 3, 1])
        #expect(try temporary.feed(feeds[0].id)?.etag == "\"second\"")
        #expect(try temporary.feed(feeds[0].id)?.articleCount == 4)
    }

    @Test func updatesThatQueueBehindABusyWriterShareTransactionsOfAtMost32() throws {
        let temporary = try TemporaryStore()
        let feeds = try temporary.addFeeds((0...40).map { "https://example.org/\($0)" })
        let writer = StoreWriter(store: temporary.store)
        let recorder = Recorder(store: temporary.store, holding: 0)
        writer.submit(TemporaryStore.update(for: feeds[0], items: 1...2), completion: recorder.completion(0))
        #expect(recorder.waitUntilHeld())
        for index in 1...40 {
            writer.submit(
                TemporaryStore.update(for: feeds[index], items: 1...2), completion: recorder.completion(index))
        }
        recorder.releaseHeld()
        let records = try #require(recorder.waitForAll())
        #expect(records.map(\.index) == Array(0...40))
        // Update 0 alone; then 1 to 32 in one transaction (the cap), stored before any of them is reported; then
        // the 8 left over in the next.
        #expect(records[0].attemptedFeeds == 1)
        #expect(records[1...32].allSatisfy { $0.attemptedFeeds == 33 })
        #expect(records[33...40].allSatisfy { $0.attemptedFeeds == 41 })
        #expect(try temporary.store.feeds().allSatisfy { $0.articleCount == 2 })
    }

    @Test func aFailingUpdateInABatchLeavesTheOthersStored() throws {
        let temporary = try TemporaryStore()
        let feeds = try temporary.addFeeds((0...3).map { "https://example.org/\($0)" })
        let writer = StoreWriter(store: temporary.store)
        let recorder = Recorder(store: temporary.store, holding: 0)
        let updates = feeds.map { TemporaryStore.update(for: $0, items: 1...3) }
        // Feed 2 is removed while its update waits (as `feedctl remove` during a cycle): its articles have no feed
        // to belong to, so its savepoint fails.
        writer.submit(updates[0], completion: recorder.completion(0))
        #expect(recorder.waitUntilHeld())
        _ = try temporary.store.removeFeed(feeds[2].url, configFile: nil)
        for index in 1...3 {
            writer.submit(updates[index], completion: recorder.completion(index))
        }
        recorder.releaseHeld()
        let records = try #require(recorder.waitForAll())
        #expect(records.map(\.index) == [0, 1, 2, 3])
        #expect((try? records[1].result.get().inserted) == 3)
        #expect((try? records[3].result.get().inserted) == 3)
        guard case .failure(let error) = records[2].result else {
            Issue.record("the removed feed's update was stored: \(records[2].result)")
            return
        }
        #expect("\(error)".contains("FOREIGN KEY"))
        // The batch of 1 to 3 was one transaction: its failure did not roll back its neighbours.
        #expect(records[1].attemptedFeeds == 3)
        #expect(try temporary.feed(feeds[1].id)?.articleCount == 3)
        #expect(try temporary.feed(feeds[3].id)?.articleCount == 3)
        #expect(try temporary.feed(feeds[2].id) == nil)
    }

    @Test func aCompletionMaySubmitTheNextUpdate() throws {
        let temporary = try TemporaryStore()
        let feeds = try temporary.addFeeds(["https://example.org/a", "https://example.org/b"])
        let writer = StoreWriter(store: temporary.store)
        let recorder = Recorder(store: temporary.store)
        let second = recorder.completion(1)
        let first = recorder.completion(0)
        // What FetchCycle does: the next feed is started from the completion of the last one, on the writer's queue.
        writer.submit(TemporaryStore.update(for: feeds[0], items: 1...1)) { result in
            writer.submit(TemporaryStore.update(for: feeds[1], items: 1...2), completion: second)
            first(result)
        }
        let records = try #require(recorder.waitForAll())
        #expect(Set(records.map(\.index)) == [0, 1])
        #expect(try temporary.feed(feeds[1].id)?.articleCount == 2)
    }
}
