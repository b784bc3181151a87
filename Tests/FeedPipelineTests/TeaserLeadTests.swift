import FeedStore
import Foundation
import Testing

/// A teaser whose link says nothing (another site's URL, no AMP or mobile spelling) joins the article it quotes
/// through its opening words; two full articles that open alike do not.
@Suite struct TeaserLeadTests {
    static let opening = """
        The regional water board voted on Thursday to raise rates by nine percent next year, citing the cost of \
        replacing lead pipes across the valley's oldest neighborhoods.
        """
    static let rest = [
        "Board members said the increase would add about $4 a month to a typical household bill.",
        "The pipe program, the largest in the board's history, is expected to take twelve years to finish.",
        "Residents who spoke at the meeting asked for a discount for low-income households, which the board "
            + "promised to study before the rates take effect in March.",
        "A second vote on the rate schedule is set for January, when the board will also publish its budget.",
    ]

    static func feed(_ name: String, items: [(title: String, link: String, paragraphs: [String])]) -> [UInt8] {
        var xml = "<rss version=\"2.0\"><channel><title>\(name)</title>"
        for item in items {
            let html = item.paragraphs.map { "<p>\($0)</p>" }.joined()
            xml += """
                <item><title>\(item.title)</title><link>\(item.link)</link>
                <pubDate>Thu, 03 Dec 2026 18:00:00 GMT</pubDate>
                <description>\(html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;"))</description></item>
                """
        }
        return Array((xml + "</channel></rss>").utf8)
    }

    /// The story of the one article of `first` and of `second`, each a feed of one item stored in that order.
    static func stories(
        _ first: (feed: String, link: String, paragraphs: [String]),
        _ second: (feed: String, link: String, paragraphs: [String])
    ) throws -> (Int64, Int64) {
        let newsroom = try Newsroom()
        for item in [first, second] {
            try newsroom.fetch(bytes: feed(item.feed, items: [(item.feed, item.link, item.paragraphs)]), as: item.feed)
        }
        let a = try #require(try newsroom.articles(of: first.feed).first)
        let b = try #require(try newsroom.articles(of: second.feed).first)
        return (a.story, b.story)
    }

    @Test func aTeaserJoinsTheArticleItQuotes() throws {
        let (article, teaser) = try Self.stories(
            ("valley-times", "https://valleytimes.example/water", [Self.opening] + Self.rest),
            ("briefing", "https://briefing.example/b/88213", [Self.opening]))
        #expect(teaser == article)
    }

    @Test func fullArticlesThatOpenAlikeStayApart() throws {
        let other = [
            "The board also approved a new headquarters lease that saves $2 million over ten years.",
            "Its chair, who has served since 2019, said she would not seek another term next spring.",
            "Staff will present options for the old building, including a sale to the county, in February.",
            "A public tour of the new offices is planned for the first weekend after the move.",
        ]
        let (first, second) = try Self.stories(
            ("valley-times", "https://valleytimes.example/water", [Self.opening] + Self.rest),
            ("valley-post", "https://valleypost.example/board", [Self.opening] + other))
        #expect(first != second)
    }
}
