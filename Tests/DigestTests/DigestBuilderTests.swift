import FeedHTML
import Foundation
import Testing

@testable import Digest

@Suite struct DigestBuilderTests {
    @Test func storyCarriedByThreeFeedsAppearsOnceWithAlsoIn() {
        let digest = Fixtures.build([
            Fixtures.article(id: 1, story: 100, feed: 1, feedTitle: "Alpha", firstSeen: Fixtures.base - 1000),
            Fixtures.article(id: 2, story: 100, feed: 3, feedTitle: "Charlie"),
            Fixtures.article(id: 3, story: 100, feed: 2, feedTitle: "bravo"),
            Fixtures.article(id: 4, story: 100, feed: 3, feedTitle: "Charlie"),
            Fixtures.article(id: 5, story: 200, feed: 2, feedTitle: "bravo"),
        ])
        let entries = Fixtures.entries(digest)
        #expect(entries.count == 2)
        #expect(entries.filter { $0.storyID == 100 }.count == 1)
        let story = entries.first { $0.storyID == 100 }
        #expect(story?.alsoIn == ["bravo", "Charlie"])
        #expect(story?.alsoInText == "also in: bravo, Charlie")
        #expect(entries.first { $0.storyID == 200 }?.alsoIn == [])
        #expect(digest.storyCount == 2)
        #expect(digest.articleCount == 5)
        #expect(digest.feedCount == 3)
        #expect(digest.contentsText == "2 stories from 2 feeds")
    }

    @Test func alsoInNamesEachFeedOnceAndNeverTheEntrysOwn() throws {
        // A store from before feed identities may hold one feed twice, under one title.
        let digest = Fixtures.build([
            Fixtures.article(id: 1, story: 100, feed: 42, feedTitle: "Morning Brief", firstSeen: Fixtures.base - 900),
            Fixtures.article(id: 2, story: 100, feed: 43, feedTitle: "Morning Brief"),
            Fixtures.article(id: 3, story: 100, feed: 44, feedTitle: "Morning Brief"),
            Fixtures.article(id: 4, story: 100, feed: 7, feedTitle: "Evening Post"),
            Fixtures.article(id: 5, story: 100, feed: 8, feedTitle: "Evening Post"),
        ])
        let entry = try #require(Fixtures.entries(digest).first)
        #expect(entry.feedTitle == "Morning Brief")
        #expect(entry.alsoInText == "also in: Evening Post")
    }

    @Test func representativeIsFirstSeenEarliestThenLowestID() throws {
        let base = Fixtures.base
        let digest = Fixtures.build([
            Fixtures.article(id: 7, story: 1, feed: 1, title: "Later", firstSeen: base.addingTimeInterval(-10)),
            Fixtures.article(id: 9, story: 1, feed: 2, title: "Earliest tie, higher id", firstSeen: base - 500),
            Fixtures.article(id: 8, story: 1, feed: 3, title: "Earliest", firstSeen: base - 500),
        ])
        let entry = try #require(Fixtures.entries(digest).first)
        #expect(entry.articleID == 8)
        #expect(entry.title == "Earliest")
        #expect(entry.feedTitle == "Feed 3")
        #expect(entry.alsoIn == ["Feed 1", "Feed 2"])
        #expect(digest.groups.first?.feeds.map(\.feedID) == [3])
    }

    @Test func perFeedCapKeepsNewestAndCountsTheRest() throws {
        let articles = (1...7).map {
            Fixtures.article(id: Int64($0), feed: 1, published: Fixtures.base.addingTimeInterval(Double($0) * -3600))
        }
        let digest = Fixtures.build(articles, request: Fixtures.request(perFeed: 3))
        let feed = try #require(digest.groups.first?.feeds.first)
        #expect(feed.entries.map(\.articleID) == [1, 2, 3])
        #expect(feed.moreCount == 4)
        #expect(feed.moreText == "and 4 more")
        #expect(digest.storyCount == 7)
        #expect(DigestRenderer.html(digest).contains("and 4 more"))
        #expect(DigestRenderer.markdown(digest).contains("and 4 more"))
        #expect(DigestRenderer.text(digest).contains("and 4 more"))

        let uncapped = Fixtures.build(articles, request: Fixtures.request(perFeed: 20))
        #expect(uncapped.groups.first?.feeds.first?.moreText == nil)
    }

    @Test func entriesAreNewestFirstByPublishedElseFirstSeen() throws {
        let base = Fixtures.base
        let digest = Fixtures.build([
            Fixtures.article(id: 1, feed: 1, published: base - 7200, firstSeen: base - 60),
            Fixtures.article(id: 2, feed: 1, published: nil, firstSeen: base - 3600),
            Fixtures.article(id: 3, feed: 1, published: base - 100, firstSeen: base - 50),
        ])
        #expect(Fixtures.entries(digest).map(\.articleID) == [3, 2, 1])
    }

    @Test func groupsByFirstTagSortedWithOtherLast() {
        let digest = Fixtures.build([
            Fixtures.article(id: 1, feed: 1, feedTitle: "Zeta", tags: ["news", "tech"]),
            Fixtures.article(id: 2, feed: 2, feedTitle: "alpha", tags: ["News"]),
            Fixtures.article(id: 3, feed: 3, feedTitle: "Untagged"),
            Fixtures.article(id: 4, feed: 4, feedTitle: "Beta", tags: ["Apple"]),
            Fixtures.article(id: 5, feed: 5, feedTitle: "Gamma", tags: ["news"]),
        ])
        #expect(digest.groups.map(\.heading) == ["Apple", "News", "news", "Other"])
        #expect(digest.groups.map(\.tag) == ["Apple", "News", "news", nil])
        #expect(digest.groups[2].feeds.map(\.feedTitle) == ["Gamma", "Zeta"])
        #expect(digest.groups[3].feeds.map(\.feedTitle) == ["Untagged"])
        let html = DigestRenderer.html(digest)
        #expect(html.contains("<h2>Other</h2>"))
    }

    @Test func noTagsMeansNoTagHeading() {
        let digest = Fixtures.build([
            Fixtures.article(id: 1, feed: 2, feedTitle: "beta"),
            Fixtures.article(id: 2, feed: 1, feedTitle: "Alpha"),
        ])
        #expect(digest.groups.count == 1)
        #expect(digest.groups[0].heading == nil)
        #expect(digest.groups[0].feeds.map(\.feedTitle) == ["Alpha", "beta"])
        #expect(!DigestRenderer.html(digest).contains("Other"))
        #expect(!DigestRenderer.markdown(digest).contains("Other"))
    }

    @Test func entryFields() throws {
        let digest = Fixtures.build([
            Fixtures.article(
                id: 1, feed: 1, title: "  Spaced\n title ", link: "https://example.com/link",
                canonical: "https://example.com/canonical", text: "First one. Second one. Third one. Fourth one."),
            Fixtures.article(id: 2, feed: 1, title: "", link: "javascript:alert(1)", text: nil),
            Fixtures.article(id: 3, feed: 1, link: "https://example.com/3", canonical: "ftp://example.com/3"),
        ])
        let entries = Dictionary(uniqueKeysWithValues: Fixtures.entries(digest).map { ($0.articleID, $0) })
        #expect(entries[1]?.title == "Spaced title")
        #expect(entries[1]?.url == "https://example.com/canonical")
        #expect(entries[1]?.summary == "First one. Second one. Third one.")
        #expect(entries[2]?.title == "(untitled)")
        #expect(entries[2]?.url == nil)
        #expect(entries[2]?.summary == "")
        #expect(entries[3]?.url == "https://example.com/3")
    }

    @Test func header() {
        let digest = Fixtures.build([Fixtures.article(id: 1, feed: 1)])
        #expect(digest.title == "feedd digest — Sunday, 29 November 2026")
        #expect(digest.day == "2026-11-29")
        #expect(digest.periodText == "Sat 28 Nov, 06:00 – Sun 29 Nov, 06:00")
        #expect(!digest.isEmpty)
        #expect(DigestRenderer.html(digest).contains("feedd digest — Sunday, 29 November 2026"))
        #expect(DigestRenderer.text(digest).hasPrefix("feedd digest — Sunday, 29 November 2026\n"))
    }

    @Test func nothingNewStillListsProblems() {
        let problem = DigestFeedProblem(
            feedTitle: "Broken", url: "https://broken.example/feed",
            kind: .failing(since: Fixtures.base - 86_400 * 3, status: 500, error: "Internal Server Error"))
        let digest = Fixtures.build([], problems: [problem])
        #expect(digest.isEmpty)
        #expect(digest.groups.isEmpty)
        #expect(!DigestRenderer.text(digest).contains("0 stories"))
        #expect(digest.nothingNewText == "Nothing new since Sat 28 Nov, 06:00.")
        for rendered in [DigestRenderer.html(digest), DigestRenderer.text(digest)] {
            // The text format wraps lines; compare with runs of whitespace as single spaces.
            let rendered = rendered.collapsingAllASCIIWhitespace()
            #expect(rendered.contains("Nothing new since Sat 28 Nov, 06:00."))
            #expect(rendered.contains("Broken"))
            #expect(rendered.contains("failing since Thu 26 Nov, 06:00: HTTP 500, Internal Server Error"))
        }
        #expect(DigestRenderer.markdown(digest).contains("Nothing new since Sat 28 Nov, 06:00."))
        #expect(DigestRenderer.markdown(digest).contains("## Feed health"))
    }

    static let healthCases: [(DigestFeedProblem.Kind, String)] = [
        (
            .failing(since: Fixtures.base - 7200, status: 503, error: "Service Unavailable"),
            "failing since Sun 29 Nov, 04:00: HTTP 503, Service Unavailable"
        ),
        (
            .failing(since: Fixtures.base - 7200, status: nil, error: "connection refused"),
            "failing since Sun 29 Nov, 04:00: connection refused"
        ),
        (.gone(since: Fixtures.base - 86_400), "gone (HTTP 410) since Sat 28 Nov, 06:00"),
        (.gone(since: nil), "gone (HTTP 410)"),
        (
            .moved(from: "http://old.example/feed", to: "https://new.example/feed", at: Fixtures.base - 3600),
            "moved from http://old.example/feed to https://new.example/feed on Sun 29 Nov, 05:00"
        ),
        (
            .silent(lastNewArticle: Fixtures.base - 86_400 * 10, usualInterval: 86_400),
            "no new articles since Thu 19 Nov, 06:00, usually every 24 hours"
        ),
        (
            .silent(lastNewArticle: Fixtures.base - 86_400 * 40, usualInterval: 86_400 * 7),
            "no new articles since Tue 20 Oct, 06:00, usually every 7 days"
        ),
        (
            .silent(lastNewArticle: Fixtures.base - 86_400 * 2, usualInterval: 3 * 3600),
            "no new articles since Fri 27 Nov, 06:00, usually every 3 hours"
        ),
        (
            .fullTextFailing(failures: 3, error: "https://a.example/story: HTTP 403"),
            "full text: 3 article pages failed, the feed's own content kept: https://a.example/story: HTTP 403"
        ),
    ]

    @Test(arguments: healthCases)
    func healthSection(kind: DigestFeedProblem.Kind, expected: String) {
        let problem = DigestFeedProblem(feedTitle: "Feed X", url: "https://x.example/feed", kind: kind)
        let digest = Fixtures.build([Fixtures.article(id: 1, feed: 1)], problems: [problem])
        #expect(digest.health.map(\.text) == [expected])
        #expect(DigestRenderer.html(digest).contains("Feed health"))
        #expect(DigestRenderer.text(digest).contains("https://x.example/feed"))
        #expect(DigestRenderer.markdown(digest).contains("Feed X"))
    }

    @Test func healthOrdersFailingFirst() {
        let problems = [
            DigestFeedProblem(
                feedTitle: "A", url: "https://a", kind: .silent(lastNewArticle: Fixtures.base, usualInterval: 60)),
            DigestFeedProblem(feedTitle: "C", url: "https://c", kind: .gone(since: nil)),
            DigestFeedProblem(
                feedTitle: "B", url: "https://b", kind: .failing(since: Fixtures.base, status: 404, error: "")),
            DigestFeedProblem(
                feedTitle: "D", url: "https://d", kind: .moved(from: "https://d0", to: "https://d", at: nil)),
        ]
        let digest = Fixtures.build([], problems: problems)
        #expect(digest.health.map(\.feedTitle) == ["B", "C", "D", "A"])
        #expect(digest.health[0].text == "failing since Sun 29 Nov, 06:00: HTTP 404")
    }

    @Test func anEventOtherOutletsReportedSaysHowManyCoveredIt() throws {
        let lead = "The City Council voted 7-2 on Tuesday to spend $48 million on the Pier 3 terminal."
        let articles = [
            Fixtures.article(
                id: 1, feed: 1, title: "Council backs terminal",
                text: lead + " Mayor Dana Whitfield won; Kowalski lost."),
            Fixtures.article(
                id: 2, feed: 2, title: "Terminal approved",
                text:
                    "On a 7-2 vote the council approved $48 million for Pier 3, a plan of Mayor Dana Whitfield; Kowalski lost."
            ),
            Fixtures.article(
                id: 3, feed: 3, title: "Pier 3 rebuild",
                text: "Councilors voted 7-2 for the $48 million Pier 3 plan of Mayor Dana Whitfield; Kowalski objected."
            ),
            Fixtures.article(id: 4, feed: 3, title: "Library opens", text: "Mayor Dana Whitfield opened a library."),
        ]
        let entries = Fixtures.entries(Fixtures.build(articles))
        let first = try #require(entries.first { $0.articleID == 1 })
        #expect(first.coveredBy == 2)
        #expect(first.alsoInText == "also covered by 2 outlets")
        #expect(entries.first { $0.articleID == 4 }?.coveredBy == 0)
    }
}
