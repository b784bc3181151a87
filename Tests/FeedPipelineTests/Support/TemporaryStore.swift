import FeedFetching
import FeedPipeline
import FeedStore
import Foundation
import TestSupport

/// A daemon's store in a fresh temporary directory, removed when the value goes away, with the feeds a test needs.
final class TemporaryStore {
    let directory: String
    let store: FeedStore

    init() throws {
        directory = NSTemporaryDirectory() + "pipeline-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try FeedStore(path: directory + "/store.sqlite", role: .daemon)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Subscribes to `urls` and returns the stored feeds, in the order of `urls`.
    func addFeeds(_ urls: [String]) throws -> [StoredFeed] {
        _ = try store.addFeeds(urls.map { NewFeed(url: $0) })
        let byURL = Dictionary(uniqueKeysWithValues: try store.feeds().map { ($0.url, $0) })
        return urls.compactMap { byURL[$0] }
    }

    /// The feed with `id` as stored now, its article count included.
    func feed(_ id: Int64) throws -> StoredFeed? {
        try store.feeds().first { $0.id == id }
    }

    /// The update a fetch of `feed` answered with `items` numbered entries would store.
    static func update(for feed: StoredFeed, items: ClosedRange<Int>, etag: String? = nil) -> FeedUpdate {
        let response = FetchResponse(
            status: 200, finalURL: feed.url, etag: etag,
            body: Array(NumberedFeed.rss("feed\(feed.id)", items: items).utf8))
        return FeedRefresh.update(
            for: feed, result: .success(response), attemptedAt: Date(), settings: ScheduleSettings(), jitter: 0
        ).update
    }
}
