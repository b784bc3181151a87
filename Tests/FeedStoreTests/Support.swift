import FeedModel
import FeedStore
import Foundation

/// A store in a fresh temporary directory, removed when the value goes away.
final class TemporaryStore {
    let directory: String
    let store: FeedStore
    var path: String { directory + "/feedd.sqlite" }

    init(role: FeedStore.Role = .daemon) throws {
        directory = NSTemporaryDirectory() + "feedstore-" + UUID().uuidString
        store = try FeedStore(path: directory + "/feedd.sqlite", role: role)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Adds a feed and returns its id.
    func addFeed(_ url: String, source: StoredFeed.Source = .feedctl) throws -> Int64 {
        switch try store.addFeed(NewFeed(url: url, source: source)) {
        case .added(let feed), .alreadyExists(let feed):
            return feed.id
        }
    }

    /// Stores `articles` as a successful fetch of feed `feedID`.
    @discardableResult
    func ingest(_ articles: [Article], feedID: Int64, at date: Date = Date()) throws -> IngestSummary {
        try store.apply(
            FeedUpdate(
                feedID: feedID,
                attemptedAt: date,
                outcome: .fetched(
                    status: 200, etag: "\"v1\"", lastModified: nil, title: "Feed \(feedID)", siteLink: nil,
                    articles: articles),
                nextDueAt: date.addingTimeInterval(3600)
            )
        )
    }
}

/// An article whose fields all derive from `number`, so two calls with the same number are the same article.
func sampleArticle(
    _ number: Int,
    guid: String? = nil,
    url: String? = nil,
    title: String? = nil,
    text: String? = nil,
    published: Date? = Date(timeIntervalSince1970: 1_780_000_000)
) -> Article {
    let body = text ?? "Body of story \(number) about rivers and bridges."
    return Article(
        guid: guid ?? "guid-\(number)",
        canonicalURL: url ?? "https://example.org/story/\(number)",
        link: (url ?? "https://example.org/story/\(number)") + "?utm_source=rss",
        title: title ?? "Story \(number)",
        authors: [Author(name: "Ann Writer", email: "ann@example.org")],
        published: published.map { $0.addingTimeInterval(Double(number) * 60) },
        summary: body,
        contentHTML: "<p>\(body)</p>",
        contentText: body,
        categories: ["news"],
        enclosures: [Enclosure(url: "https://example.org/\(number).mp3", type: "audio/mpeg", length: 1000)],
        contentHash: "hash:" + (title ?? "Story \(number)") + body
    )
}
