import Foundation
import Testing

@testable import Digest

/// The top of a digest: contents, feed health and left-out articles in a few lines, before any entry, in every
/// format; the health details stay at the end.
@Suite struct DigestHeaderTests {
    /// Three groups (News capped by the per-feed limit), one failing and moved feed, one silent and one failing.
    static func digest(feedTotal: Int? = 40, leftOut: Int = 0) -> DigestDocument {
        let base = Fixtures.base
        var articles = (1...4).map {
            Fixtures.article(
                id: Int64($0), feed: 1, feedTitle: "Daily News", tags: ["News"], title: "News story \($0)",
                published: base.addingTimeInterval(Double(-$0) * 3600))
        }
        articles.append(Fixtures.article(id: 5, feed: 2, feedTitle: "Wire", tags: ["News"], title: "Wire story"))
        articles.append(Fixtures.article(id: 6, feed: 3, feedTitle: "Gadgets", tags: ["Tech"], title: "Tech story"))
        articles.append(Fixtures.article(id: 7, feed: 4, feedTitle: "Blog", title: "Untagged story"))
        let problems = [
            DigestFeedProblem(
                feedTitle: "Broken", url: "https://broken.example/feed",
                kind: .failing(since: base - 7200, status: 503, error: "Service Unavailable")),
            DigestFeedProblem(
                feedTitle: "Broken", url: "https://broken.example/feed",
                kind: .moved(from: "http://broken.example/rss", to: "https://broken.example/feed", at: base - 60)),
            DigestFeedProblem(
                feedTitle: "Down", url: "https://down.example/feed",
                kind: .failing(since: base - 3600, status: nil, error: "connection refused")),
            DigestFeedProblem(
                feedTitle: "Quiet", url: "https://quiet.example/feed",
                kind: .silent(lastNewArticle: base - 86_400 * 10, usualInterval: 86_400)),
        ]
        var request = Fixtures.request(perFeed: 2)
        request.feedTotal = feedTotal
        request.leftOutCount = leftOut
        request.publishedSince = base - 2 * 86_400
        return Fixtures.build(articles, problems: problems, request: request)
    }

    @Test func contentsCountEveryStoryOfEachGroup() {
        let digest = Self.digest()
        // News holds four stories of Daily News (two shown, "and 2 more") and one of Wire.
        #expect(digest.contentsText == "7 stories: News 5 · Tech 1 · Other 1")
        let untagged = Fixtures.build([Fixtures.article(id: 1, feed: 1), Fixtures.article(id: 2, feed: 2)])
        #expect(untagged.contentsText == "2 stories from 2 feeds")
        let single = Fixtures.build([Fixtures.article(id: 1, feed: 1, tags: ["Tech"])])
        #expect(single.contentsText == "1 story: Tech 1")
    }

    @Test func healthCountsEachFeedOnceUnderItsWorstProblem() {
        #expect(Self.digest().healthSummary.text == "40 feeds: 37 ok, 2 failing, 1 silent — details at the end")
        #expect(Self.digest(feedTotal: nil).healthSummary.text == "Feeds: 2 failing, 1 silent — details at the end")
        let healthy = Fixtures.build(
            [Fixtures.article(id: 1, feed: 1)],
            request: {
                var request = Fixtures.request()
                request.feedTotal = 12
                return request
            }())
        #expect(healthy.healthSummary.text == "12 feeds, all ok")
        #expect(Fixtures.build([Fixtures.article(id: 1, feed: 1)]).healthSummary.text == nil)
    }

    @Test func leftOutArticlesAreCountedWithTheirCutOff() {
        #expect(Self.digest().leftOutText == nil)
        #expect(
            Self.digest(leftOut: 312).leftOutText
                == "Left out: 312 older articles, published before Fri 27 Nov, 06:00; feedctl articles lists them.")
    }

    /// The offsets of `needles` in `text`, in order; a missing needle fails the test.
    static func offsets(
        of needles: [String], in text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [Int] {
        try needles.map { needle in
            let range = try #require(text.range(of: needle), "\(needle)", sourceLocation: sourceLocation)
            return text.distance(from: text.startIndex, to: range.lowerBound)
        }
    }

    @Test(arguments: [DigestFormatCase.text, .markdown, .html])
    func theHeaderComesFirstAndTheDetailsLast(format: DigestFormatCase) throws {
        let digest = Self.digest(leftOut: 312)
        let rendered = format.render(digest)
        // The contents, health and left-out lines come before the first entry; the details after the last.
        let order = try Self.offsets(
            of: [
                format.contents, "40 feeds: 37 ok, 2 failing, 1 silent — ", "Left out: 312 older articles",
                "News story 1", "Untagged story", format.healthHeading, "connection refused",
            ], in: rendered)
        #expect(order == order.sorted(), "\(rendered)")
    }

    @Test func htmlHeaderLinksToTheGroupsAndTheHealthSection() throws {
        let parsed = ParsedHTML(DigestRenderer.html(Self.digest()))
        let contents = try #require(parsed.elements.first { $0.attribute("class") == "contents" })
        #expect(contents.text == "7 stories: News 5 · Tech 1 · Other 1")
        let links = parsed.all("a").filter { $0.attribute("href")?.hasPrefix("#") == true }
        #expect(
            links.map { "\($0.text) \($0.attribute("href") ?? "")" } == [
                "News 5 #group-1", "Tech 1 #group-2", "Other 1 #group-3", "details at the end #health",
            ])
        let sections = parsed.all("section").compactMap { $0.attribute("id") }
        #expect(sections == ["group-1", "group-2", "group-3", "health"])
        let health = try #require(parsed.elements.first { $0.attribute("class") == "health-line" })
        #expect(health.text == "40 feeds: 37 ok, 2 failing, 1 silent — details at the end")
    }

    @Test func htmlHeaderEscapesTagsAndHasNoContentsWhenNothingIsNew() throws {
        let hostile = Fixtures.build([Fixtures.article(id: 1, feed: 1, tags: ["<b>&\"x\"</b>"])])
        let html = DigestRenderer.html(hostile)
        #expect(html.contains("<a href=\"#group-1\">&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt; 1</a>"))
        let empty = ParsedHTML(DigestRenderer.html(Fixtures.build([])))
        #expect(!empty.elements.contains { $0.attribute("class") == "contents" })
        #expect(empty.elements.contains { $0.attribute("class") == "empty" })
    }
}
