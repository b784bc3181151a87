import ArticleCleaning
import FeedModel
import FeedParsing
import FeedPipeline
import FeedStore
import Foundation
import Testing

/// Fixture feeds through parsing, cleaning and the store: which articles become one story, and which stay apart.
@Suite struct StoryClusteringTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/stories")

    static let xiTitle = "Report: Xi to Meet with Putin in Russia"

    @Test func theSeedArticleKeepsOnlyItsStory() throws {
        let newsroom = try Newsroom()
        try newsroom.fetch("politicaliq")
        let story = try String(contentsOf: Self.fixtures.appendingPathComponent("xi-story.txt"), encoding: .utf8)
        let stored = try newsroom.article("politicaliq", titled: Self.xiTitle)
        // The site's text has no-break spaces and a double space, which plain text makes one space.
        let expected = story.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\u{A0}", with: " ").replacingOccurrences(of: "  ", with: " ")
        #expect(stored.contentText == expected)
        #expect(stored.summary?.hasPrefix("Chinese President Xi Jinping plans to travel") == true)
        #expect(stored.canonicalURL == "https://politicaliq.example/news/xi-putin-russia")
        #expect(stored.link == "https://politicaliq.example/news/xi-putin-russia?utm_source=rss&utm_medium=feed")
    }

    @Test func syndicatedEditedAndTeaserCopiesJoinTheStory() throws {
        let newsroom = try Newsroom()
        for name in ["politicaliq", "wire", "edited", "aggregator"] {
            try newsroom.fetch(name)
        }
        let original = try newsroom.article("politicaliq", titled: Self.xiTitle)
        // The wire's copy: another URL with tracking parameters and its own credit line.
        #expect(try newsroom.article("wire", titled: Self.xiTitle).story == original.story)
        // An added UPDATE line and a dropped last paragraph, under another title.
        #expect(
            try newsroom.article("edited", titled: "Xi heads to Moscow for talks with Putin").story == original.story)
        // A teaser behind a FeedBurner redirect whose origLink is the publisher's URL.
        let teaser = try newsroom.article("aggregator", titled: Self.xiTitle)
        #expect(teaser.canonicalURL == original.canonicalURL)
        #expect(teaser.story == original.story)
        #expect(original.duplicates == 3)

        var unique = ArticleQuery(limit: 100)
        unique.uniqueStories = true
        let listed = try newsroom.store.articles(unique).filter { $0.story == original.story }
        #expect(listed.map(\.id) == [original.id])
        #expect(
            Set(listed[0].alsoIn.map(\.url)) == [
                "https://wire.example/feed", "https://edited.example/feed", "https://aggregator.example/feed",
            ])
    }

    @Test func differentStoriesStayApart() throws {
        let newsroom = try Newsroom()
        for name in ["politicaliq", "wire", "roundup-news", "roundup-food"] {
            try newsroom.fetch(name)
        }
        // Same trailer, different stories: the site's three items.
        let site = try newsroom.articles(of: "politicaliq")
        #expect(Set(site.map(\.story)).count == 3)
        // Same subject, different words: the wire's own rail story is not the site's.
        let rail = try newsroom.article("politicaliq", titled: "Valley rail line reopens")
        #expect(try newsroom.article("wire", titled: "Valley commuters return to the trains").story != rail.story)
        // Same title, different stories.
        let news = try newsroom.article("roundup-news", titled: "Weekly roundup")
        let food = try newsroom.article("roundup-food", titled: "Weekly roundup")
        #expect(news.story != food.story)
    }

    @Test func aGuidMigrationStormAddsNothing() throws {
        let newsroom = try Newsroom()
        let first = try newsroom.fetch("storm-before", as: "storm")
        #expect(first.inserted == 10)
        let second = try newsroom.fetch("storm-after", as: "storm")
        #expect(second.inserted == 0)
        #expect(try newsroom.articles(of: "storm").count == 10)
        #expect(try newsroom.articles(of: "storm").allSatisfy { $0.guid.hasPrefix("https://storm.example/posts/") })
    }
}
