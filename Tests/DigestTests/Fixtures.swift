import Digest
import Foundation

/// Builders of articles, requests and digests shared by the Digest tests.
enum Fixtures {
    /// 2026-11-29 06:00:00 UTC, a Sunday.
    static let base = Date(timeIntervalSince1970: 1_795_932_000)

    static func article(
        id: Int64, story: Int64? = nil, feed: Int64, feedTitle: String? = nil, tags: [String] = [],
        title: String? = nil, link: String? = nil, canonical: String? = nil, published: Date? = nil,
        firstSeen: Date? = nil, text: String? = "Some text.", image: String? = nil
    ) -> DigestArticle {
        DigestArticle(
            id: id, storyID: story ?? id, feedID: feed, feedTitle: feedTitle ?? "Feed \(feed)", tags: tags,
            title: title ?? "Article \(id)", link: link ?? "https://example.com/\(id)", canonicalURL: canonical,
            published: published, firstSeen: firstSeen ?? base.addingTimeInterval(Double(-id)), text: text,
            imageURL: image)
    }

    static func request(
        timeZone: String = "UTC", perFeed: Int = 20, images: Bool = false, end: Date = base
    ) -> DigestRequest {
        DigestRequest(
            period: DateInterval(start: end.addingTimeInterval(-86_400), end: end),
            timeZone: TimeZone(identifier: timeZone) ?? .gmt, perFeed: perFeed, images: images, generatedAt: end)
    }

    static func build(
        _ articles: [DigestArticle], problems: [DigestFeedProblem] = [], request: DigestRequest = request()
    ) -> DigestDocument {
        DigestBuilder.build(articles: articles, problems: problems, request: request)
    }

    static func entries(_ digest: DigestDocument) -> [DigestEntry] {
        digest.groups.flatMap { $0.feeds.flatMap(\.entries) }
    }
}
