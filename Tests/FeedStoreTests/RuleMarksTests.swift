import FeedModel
import FeedStore
import Foundation
import Testing

/// What the store does with the marks rules leave on new articles, and with marks applied afterwards.
@Suite struct RuleMarksTests {
    static func marked(_ number: Int, _ configure: (inout RuleMarks) -> Void) -> Article {
        var article = sampleArticle(number)
        configure(&article.rules)
        return article
    }

    @Test func marksAreStoredWithTheArticle() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.org/feed")
        let summary = try temporary.ingest(
            [
                Self.marked(1) {
                    $0.names = ["later", "alert"]
                    $0.read = true
                    $0.star = true
                    $0.highlight = true
                    $0.tags = ["later", "ops"]
                    $0.notify = ["phone"]
                    $0.notifiedBy = ["phone": "alert"]
                },
                sampleArticle(2),
            ], feedID: id)
        #expect(summary.inserted == 2)
        let articles = try temporary.store.articles(ArticleQuery())
        let one = try #require(articles.first { $0.guid == "guid-1" })
        #expect(one.readAt != nil && one.starredAt != nil && one.highlighted)
        #expect(one.tags == ["later", "ops"])
        #expect(one.rules == ["later", "alert"])
        let two = try #require(articles.first { $0.guid == "guid-2" })
        #expect(two.readAt == nil && two.starredAt == nil && !two.highlighted && two.tags.isEmpty && two.rules.isEmpty)
        #expect(try temporary.store.articles(ArticleQuery(limit: 10)).count == 2)
        var starred = ArticleQuery()
        starred.starredOnly = true
        #expect(try temporary.store.articles(starred).map(\.guid) == ["guid-1"])
        var tagged = ArticleQuery()
        tagged.tag = "ops"
        #expect(try temporary.store.articles(tagged).map(\.guid) == ["guid-1"])
        // The notify action raised an alert for its sink.
        let alerts = try temporary.store.pendingAlerts(sink: "phone", events: ["rule"], after: 0)
        #expect(alerts.map(\.articleID) == [one.id])
        #expect(alerts.map(\.rule) == ["alert"])
        #expect(try temporary.store.pendingAlerts(sink: "other", events: ["rule"], after: 0).isEmpty)
        let counts = try temporary.store.ruleHitCounts()
        #expect(counts["later"]?.lastDay == 1 && counts["alert"]?.last30Days == 1)
    }

    @Test func aDroppedArticleIsRememberedAndNeverComesBack() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.org/feed")
        let dropped = Self.marked(1) {
            $0.names = ["sponsored"]
            $0.drop = true
        }
        let summary = try temporary.ingest([dropped, sampleArticle(2)], feedID: id)
        #expect(summary.dropped == 1 && summary.inserted == 1)
        // Fetched again without rules (the rule was removed): still kept out, like a removed article.
        let again = try temporary.ingest([sampleArticle(1), sampleArticle(2)], feedID: id)
        #expect(again.inserted == 0 && again.suppressed == 1)
        #expect(try temporary.store.counts().articles == 1)
        #expect(try temporary.store.ruleHitCounts()["sponsored"]?.lastDay == 1)
    }

    @Test func applyingMarksToStoredArticles() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.org/feed")
        try temporary.ingest((1...3).map { sampleArticle($0) }, feedID: id)
        let stored = try temporary.store.articles(ArticleQuery()).sorted { $0.id < $1.id }
        var star = RuleMarks()
        star.names = ["keepers"]
        star.star = true
        star.tags = ["keep"]
        var drop = RuleMarks()
        drop.names = ["noise"]
        drop.drop = true
        #expect(try temporary.store.applyRuleMarks([(stored[0].id, star), (stored[1].id, drop)]) == 2)
        // Applying again changes nothing and counts nothing twice.
        #expect(try temporary.store.applyRuleMarks([(stored[0].id, star)]) == 0)
        let after = try temporary.store.articles(ArticleQuery())
        #expect(after.map(\.guid).sorted() == ["guid-1", "guid-3"])
        let first = try #require(after.first { $0.guid == "guid-1" })
        #expect(first.starredAt != nil && first.tags == ["keep"] && first.rules == ["keepers"])
        let again = try temporary.ingest((1...3).map { sampleArticle($0) }, feedID: id)
        #expect(again.inserted == 0 && again.suppressed == 1)
        #expect(try temporary.store.ruleHitCounts()["keepers"]?.last30Days == 1)
    }

    @Test func starredArticlesOutliveRetention() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.org/feed")
        let old = Date(timeIntervalSince1970: 1_700_000_000)
        try temporary.ingest((1...3).map { sampleArticle($0, published: old) }, feedID: id, at: old)
        let first = try #require(try temporary.store.articles(ArticleQuery()).first { $0.guid == "guid-1" })
        #expect(try temporary.store.setStarred([first.id, 999_999], starred: true) == [first.id])
        try temporary.store.applyRetention(keepDays: 30, keepPerFeed: 1000, now: old.addingTimeInterval(90 * 86_400))
        #expect(try temporary.store.articles(ArticleQuery()).map(\.guid) == ["guid-1"])
        #expect(try temporary.store.setStarred([first.id], starred: false) == [first.id])
        #expect(try temporary.store.articles(ArticleQuery()).first?.starredAt == nil)
    }

    /// A feed breaks on its third failure in a row (once), and recovers on its next success.
    @Test func brokenAndRecoveredFeedsRaiseAlerts() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.addFeed("https://example.org/feed")
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        for attempt in 0..<5 {
            let at = start.addingTimeInterval(Double(attempt) * 60)
            try temporary.store.apply(
                FeedUpdate(
                    feedID: id, attemptedAt: at, outcome: .failed(status: 500, message: "HTTP 500"),
                    nextDueAt: at.addingTimeInterval(60)))
        }
        try temporary.ingest([sampleArticle(1)], feedID: id, at: start.addingTimeInterval(600))
        let alerts = try temporary.store.pendingAlerts(
            sink: "x", events: ["feed_broken", "feed_recovered"], after: 0, now: start.addingTimeInterval(700))
        #expect(alerts.map(\.event) == ["feed_broken", "feed_recovered"])
        #expect(alerts.first?.detail == "HTTP 500")
        #expect(alerts.allSatisfy { $0.feedID == id })
        // A sink created now starts after them.
        let sinks = try temporary.store.sinkDeliveries(ensuring: ["late"])
        #expect(sinks.first?.deliveredThrough == alerts.last?.id)
    }
}
