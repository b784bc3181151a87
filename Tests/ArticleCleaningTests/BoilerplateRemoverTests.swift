import Foundation
import Testing

@testable import ArticleCleaning

@Suite struct BoilerplateRemoverTests {
    // MARK: Feed scenarios

    /// A fixture: fetches of one feed in order, memory carried from one to the next.
    struct Scenario: Decodable {
        struct Item: Decodable {
            var identity: String
            var title: String?
            var link: String?
            var html: String
            /// The plain text (`ArticleText`) of the cleaned HTML.
            var expected: String
        }

        var description: String
        var fetches: [[Item]]
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/boilerplate")

    static func scenario(_ name: String) throws -> Scenario {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(name))
        return try JSONDecoder().decode(Scenario.self, from: data)
    }

    @Test(arguments: [
        "political-iq.json", "political-iq-single.json", "harbor-times.json", "harbor-times-no-memory.json",
        "same-title.json", "copies.json",
    ])
    func scenarioCleansToItsStories(name: String) throws {
        let scenario = try Self.scenario(name)
        var memory = FeedTemplateMemory()
        for (fetch, items) in scenario.fetches.enumerated() {
            let input = items.map {
                BoilerplateItem(identity: $0.identity, html: $0.html, title: $0.title, link: $0.link)
            }
            let result = BoilerplateRemover.clean(input, memory: memory)
            #expect(result.html.count == items.count)
            for (index, item) in items.enumerated() {
                let text = ArticleText.text(fromHTML: result.html[index])
                #expect(text == item.expected, "\(name) fetch \(fetch) item \(item.identity)")
            }
            memory = result.memory
        }
    }

    @Test func seedArticleKeepsExactlyItsStoryWhateverTheSiteName() throws {
        let seed = try #require(try Self.scenario("political-iq-single.json").fetches.first?.first)
        for site in ["Political IQ", "The Daily Ledger", "Capitol Wire &amp; Co"] {
            let html = seed.html.replacingOccurrences(of: ">Political IQ<", with: ">\(site)<")
            let item = BoilerplateItem(identity: seed.identity, html: html, title: seed.title, link: seed.link)
            let result = BoilerplateRemover.clean([item], memory: FeedTemplateMemory())
            #expect(ArticleText.text(fromHTML: result.html[0]) == seed.expected, "\(site)")
        }
    }

    @Test func anItemsOwnEarlierCopyNeverVotesForIt() throws {
        let feed = try #require(try Self.scenario("harbor-times.json").fetches.first)
        let items = try feed.prefix(2).map { entry in
            let html = try #require(entry.html.components(separatedBy: "\n<p>Filed under").first)
            return BoilerplateItem(identity: entry.identity, html: html, title: entry.title, link: entry.link)
        }
        // The other item alone carries the tip line: one vote, however often the first item is fetched again.
        var memory = BoilerplateRemover.clean(items, memory: FeedTemplateMemory()).memory
        for _ in 0..<5 {
            let result = BoilerplateRemover.clean([items[0]], memory: memory)
            memory = result.memory
            let text = ArticleText.text(fromHTML: result.html[0])
            #expect(text.hasSuffix("Have a news tip? Email tips@harbortimes.example or call 555-0100."))
            #expect(!text.contains("Share this"))
        }
        #expect(memory.itemCount == 2)
    }

    // MARK: Single items

    struct Case: Sendable, CustomTestStringConvertible {
        let html: String
        var title: String? = nil
        let expected: String
        var testDescription: String { html }
    }

    static let singleItems: [Case] = [
        // Cuts take the containers they empty with them.
        Case(
            html: "<div><p>The story is here.</p><p>Read more from The Site.</p></div>",
            expected: "<div><p>The story is here.</p></div>"),
        Case(
            html:
                "<p>The story is here.</p>\n<ul><li><a href=\"https://x.example/a\">Related: A headline</a></li></ul>",
            expected: "<p>The story is here.</p>"),
        Case(
            html: "<p>The story is here.</p><figure><figcaption>Follow us on Twitter</figcaption></figure>",
            expected: "<p>The story is here.</p>"),
        Case(
            html: "<figure><img src=\"a.png\"><figcaption>Share this photo</figcaption></figure><p>The story.</p>",
            expected: "<figure><img src=\"a.png\"></figure><p>The story.</p>"),
        // Inline runs split by two breaks.
        Case(
            html: "<div>The story is here.<br><br>Continue reading at The Site</div>",
            expected: "<div>The story is here.</div>"),
        Case(html: "The story is here.<br><br><em>Read more</em><br>", expected: "The story is here."),
        Case(
            html: "<div>The story is here.<br><br>Read more<br><br>Follow us on Mastodon</div>",
            expected: "<div>The story is here.</div>"),
        Case(
            html: "<div>The story is here.<br><br>Read more at The Site<br><br>And the story goes on.</div>",
            expected: "<div>The story is here.<br><br>Read more at The Site<br><br>And the story goes on.</div>"),
        // A cut that takes a start tag takes its end tag, and the other way round.
        Case(
            html: "<div><em>The story is here.<br><br>Read more at The Site</em></div>",
            expected: "<div><em>The story is here.</em></div>"),
        // Headline and dateline.
        Case(
            html: "<h1>Council Approves the Budget</h1><p>Updated: March 13, 2023</p><p>The council voted.</p>",
            title: "Council approves the budget", expected: "<p>The council voted.</p>"),
        Case(html: "<p>2023-03-13</p><p>The council voted.</p>", expected: "<p>The council voted.</p>"),
        // Repeated blocks are kept once.
        Case(
            html: "<p>A long first paragraph.</p><p>Same words.</p><p>Middle.</p><p>Same words.</p><p>End.</p>",
            expected: "<p>A long first paragraph.</p><p>Same words.</p><p>Middle.</p><p>End.</p>"),
        // Hard negatives: body text stays.
        Case(html: "<p>He declined.</p><p>She agreed.</p>", expected: "<p>He declined.</p><p>She agreed.</p>"),
        Case(
            html:
                "<p>Officials met.</p><p>Read more slowly, the teacher said, and you will remember more.</p><p>End.</p>",
            expected:
                "<p>Officials met.</p><p>Read more slowly, the teacher said, and you will remember more.</p><p>End.</p>"
        ),
        Case(
            html: "<p>March 13, 2023 was the day the council finally voted on the budget.</p>",
            expected: "<p>March 13, 2023 was the day the council finally voted on the budget.</p>"),
        Case(
            html: "<p>Officials met.</p><p>Related: the committee also voted on a measure that would extend library "
                + "hours on weekends, raise parking fees downtown and pay for three new crossing guards near the "
                + "elementary schools next year.</p>",
            expected: "<p>Officials met.</p><p>Related: the committee also voted on a measure that would extend "
                + "library hours on weekends, raise parking fees downtown and pay for three new crossing guards near "
                + "the elementary schools next year.</p>"),
        // An item that is nothing but boilerplate stays as it is.
        Case(html: "<p>Read more at The Site</p>", expected: "<p>Read more at The Site</p>"),
    ]

    @Test(arguments: singleItems)
    func singleItemIsCleaned(_ testCase: Case) {
        let item = BoilerplateItem(identity: "id", html: testCase.html, title: testCase.title, link: nil)
        let result = BoilerplateRemover.clean([item], memory: FeedTemplateMemory())
        #expect(result.html == [testCase.expected])
    }

    @Test func tagSoupNeverBreaksTheRemover() {
        let pieces = [
            "<p>", "</p>", "<div>", "</div>", "<br>", "<br/>", "Read more", " ", "&amp;", "&", "<", ">", "é", "😀",
            "<a href=\"x\">", "</a>", "<ul><li>", "</li>", "</ul>", "<hr>", "word.", "<!--", "-->", "<pre>",
            "</pre>", "March 13, 2023", "<h1>", "</h1>", "\"", "'", "<p/>", "</x>", "<img src=a>", "Related: Y",
            "—", "Title words here",
        ]
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        var memory = FeedTemplateMemory()
        for round in 0..<500 {
            let items = (0..<(1 + next(4))).map { number in
                let html = (0..<next(40)).map { _ in pieces[next(pieces.count)] }.joined()
                return BoilerplateItem(
                    identity: "\(round % 50)-\(number)", html: html, title: "Title words here", link: nil)
            }
            let result = BoilerplateRemover.clean(items, memory: memory)
            #expect(result.html.count == items.count)
            memory = result.memory
        }
        #expect(memory.itemCount == 40)
        #expect(FeedTemplateMemory(encoded: memory.encoded) == memory)
    }

    @Test(arguments: [
        ("March 13, 2023", true), ("13 March 2023", true), ("2023-03-13", true), ("Mar. 13, 2023 10:00 AM ET", true),
        ("Updated: Monday, March 13th, 2023", true), ("Published 13/03/2023", true), ("March", false),
        ("May the best team win", false), ("2023", false), ("March 13, 2023: Xi plans a trip", false),
    ])
    func dateLines(text: String, isDate: Bool) {
        let normalized = BoilerplateNormalizer.normalize(text)
        #expect(BoilerplateDateLine.isDateLine(BoilerplateText(normalized[...])) == isDate)
    }

    // MARK: Memory

    @Test func memoryRoundTripsThroughItsBytes() throws {
        let feed = try #require(try Self.scenario("harbor-times.json").fetches.first)
        let items = feed.map { BoilerplateItem(identity: $0.identity, html: $0.html, title: $0.title, link: $0.link) }
        let memory = BoilerplateRemover.clean(items, memory: FeedTemplateMemory()).memory
        #expect(memory.itemCount == 4)
        let decoded = try #require(FeedTemplateMemory(encoded: memory.encoded))
        #expect(decoded == memory)
        #expect(decoded.encoded == memory.encoded)
        #expect(FeedTemplateMemory(encoded: FeedTemplateMemory().encoded) == FeedTemplateMemory())
    }

    @Test func memoryKeepsTheNewestFortyItemsOnce() {
        var memory = FeedTemplateMemory()
        for round in 0..<3 {
            let items = (0..<30).map { index in
                BoilerplateItem(
                    identity: "item-\(round * 15 + index)", html: "<p>Story \(index).</p>", title: nil, link: nil)
            }
            memory = BoilerplateRemover.clean(items, memory: memory).memory
        }
        #expect(memory.itemCount == 40)
        let again = BoilerplateRemover.clean(
            [BoilerplateItem(identity: "item-59", html: "<p>Story.</p>", title: nil, link: nil)], memory: memory)
        #expect(again.memory.itemCount == 40)
    }

    @Test(
        arguments: [
            [], [0], [0x46, 0x54, 0x4D], [0x46, 0x54, 0x4D, 2, 0, 0], [0x46, 0x54, 0x4D, 1, 1, 0],
            [0x46, 0x54, 0x4D, 1, 0, 0, 0], [0x46, 0x54, 0x4D, 1, 200, 0], Array("garbage bytes".utf8),
            [0x46, 0x54, 0x4D, 1, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 1, 0, 0, 0, 0, 0, 0, 0, 0],
        ] as [[UInt8]])
    func garbageMemoryIsRejected(bytes: [UInt8]) {
        #expect(FeedTemplateMemory(encoded: bytes) == nil)
    }

    @Test func randomBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        let valid = FeedTemplateMemory().encoded
        for length in 0..<200 {
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if length > 6 { bytes.replaceSubrange(0..<4, with: valid[0..<4]) }
            _ = FeedTemplateMemory(encoded: bytes)
        }
    }
}
