internal import FeedHTML
import FeedModel
import Foundation

/// Turns the period's articles and the feeds' problems into a ``DigestDocument``: one entry per story, grouped by tag
/// and feed, newest first, capped per feed.
public enum DigestBuilder {
    /// Builds the digest.
    ///
    /// - Each story (storyID) appears once, through its representative: the article first seen earliest (ties:
    ///   lowest id). The entry lists the story's other feeds as "also in".
    /// - Groups are the representative feed's first tag, sorted case-insensitively, with untagged feeds last under
    ///   "Other" (no heading at all when no feed has tags); feeds are alphabetical; entries newest first by
    ///   published time (first-seen time when the feed gave none); at most `request.perFeed` entries per feed.
    /// - `articles` are the ones the digest's selection covers (``DigestJob`` picks them); all of them are counted,
    ///   none is dropped.
    /// - The header's health line counts `problems` by feed against `request.feedTotal`.
    /// - Pure and synchronous; safe to call from any thread.
    public static func build(articles: [DigestArticle], problems: [DigestFeedProblem], request: DigestRequest)
        -> DigestDocument
    {
        let dates = DigestDateFormatting(timeZone: request.timeZone, reference: request.generatedAt)
        let perFeed = max(1, request.perFeed)

        // Representatives and their stories' other feeds, in one pass.
        var storyIndex: [Int64: Int] = [:]
        storyIndex.reserveCapacity(articles.count)
        var representatives: [Int] = []
        var otherFeeds: [[Int]] = []  // indices of the story's other articles
        var feedIDs = Set<Int64>()
        feedIDs.reserveCapacity(articles.count / 2)
        for (index, article) in articles.enumerated() {
            feedIDs.insert(article.feedID)
            if let slot = storyIndex[article.storyID] {
                let current = articles[representatives[slot]]
                if (article.firstSeen, article.id) < (current.firstSeen, current.id) {
                    otherFeeds[slot].append(representatives[slot])
                    representatives[slot] = index
                } else {
                    otherFeeds[slot].append(index)
                }
            } else {
                storyIndex[article.storyID] = representatives.count
                representatives.append(index)
                otherFeeds.append([])
            }
        }

        // Stories of other outlets that report one event (`StoryEvents`): "also covered by N outlets".
        let coverage = Self.eventCoverage(representatives: representatives, otherFeeds: otherFeeds, articles: articles)

        // Stories by the representative's feed; a story a rule highlighted goes to the highlights instead.
        var feedSlots: [Int64: Int] = [:]
        var feeds: [(article: Int, stories: [Int])] = []  // first representative of the feed, story slots
        var highlightSlots: [Int64: Int] = [:]
        var highlighted: [(article: Int, stories: [Int])] = []
        for (slot, index) in representatives.enumerated() {
            let feedID = articles[index].feedID
            let isHighlight = ([index] + otherFeeds[slot]).contains { articles[$0].highlighted }
            if isHighlight {
                if let feedSlot = highlightSlots[feedID] {
                    highlighted[feedSlot].stories.append(slot)
                } else {
                    highlightSlots[feedID] = highlighted.count
                    highlighted.append((index, [slot]))
                }
            } else if let feedSlot = feedSlots[feedID] {
                feeds[feedSlot].stories.append(slot)
            } else {
                feedSlots[feedID] = feeds.count
                feeds.append((index, [slot]))
            }
        }

        let anyTags = feeds.contains { !articles[$0.article].tags.isEmpty }
        func section(_ feed: (article: Int, stories: [Int]), highlights: Bool) -> DigestFeedSection {
            let first = articles[feed.article]
            let ordered = feed.stories.sorted { a, b in
                let left = articles[representatives[a]]
                let right = articles[representatives[b]]
                let leftDate = left.published ?? left.firstSeen
                let rightDate = right.published ?? right.firstSeen
                return leftDate != rightDate ? leftDate > rightDate : left.id < right.id
            }
            let shown = ordered.prefix(perFeed).map { slot in
                var entry = entry(
                    articles[representatives[slot]], others: otherFeeds[slot], articles: articles, dates: dates,
                    images: request.images, coveredBy: coverage[slot] ?? 0)
                if highlights {
                    var rules: [String] = []
                    for index in [representatives[slot]] + otherFeeds[slot] where articles[index].highlighted {
                        rules += articles[index].rules.filter { !rules.contains($0) }
                    }
                    entry.highlightedBy = rules
                }
                return entry
            }
            return DigestFeedSection(
                feedID: first.feedID, feedTitle: first.feedTitle, entries: shown, moreCount: ordered.count - shown.count
            )
        }
        var sections: [String?: [DigestFeedSection]] = [:]
        for feed in feeds {
            sections[articles[feed.article].tags.first, default: []].append(section(feed, highlights: false))
        }

        var groups: [DigestGroup] = sections.map { tag, feeds in
            let sorted = feeds.sorted { a, b in
                let order = a.feedTitle.caseInsensitiveCompare(b.feedTitle)
                return order != .orderedSame ? order == .orderedAscending : a.feedID < b.feedID
            }
            return DigestGroup(tag: tag, heading: anyTags ? (tag ?? "Other") : nil, feeds: sorted)
        }
        groups.sort { a, b in
            switch (a.tag, b.tag) {
            case (nil, _): return false
            case (_, nil): return true
            case (let left?, let right?):
                let order = left.caseInsensitiveCompare(right)
                return order != .orderedSame ? order == .orderedAscending : left < right
            }
        }

        if !highlighted.isEmpty {
            let sections = highlighted.map { section($0, highlights: true) }.sorted { a, b in
                let order = a.feedTitle.caseInsensitiveCompare(b.feedTitle)
                return order != .orderedSame ? order == .orderedAscending : a.feedID < b.feedID
            }
            groups.insert(DigestGroup(tag: nil, heading: DigestGroup.highlightsHeading, feeds: sections), at: 0)
        }

        let health = healthNotes(problems, dates: dates)
        return DigestDocument(
            title: "feedd " + (request.edition.map { $0 + " " } ?? "") + "digest — "
                + dates.longDay(request.day ?? request.period.end),
            day: dates.day(request.day ?? request.period.end),
            period: request.period,
            periodText: dates.time(request.period.start) + " – " + dates.time(request.period.end),
            startText: dates.time(request.period.start),
            generatedText: dates.time(request.generatedAt),
            storyCount: representatives.count,
            articleCount: articles.count,
            feedCount: feedIDs.count,
            groups: groups,
            health: health,
            healthSummary: DigestHealthSummary(feedTotal: request.feedTotal, notes: health),
            leftOutCount: request.leftOutCount,
            leftOutBeforeText: request.publishedSince.map(dates.time),
            images: request.images
        )
    }

    private static func entry(
        _ article: DigestArticle, others: [Int], articles: [DigestArticle], dates: DigestDateFormatting, images: Bool,
        coveredBy: Int
    ) -> DigestEntry {
        var alsoIn: [String] = []
        if !others.isEmpty {
            var seenFeeds = Set<Int64>([article.feedID])
            for index in others where seenFeeds.insert(articles[index].feedID).inserted {
                alsoIn.append(articles[index].feedTitle)
            }
            // Each name once, and never the entry's own feed's: under that feed's heading it tells nothing (and it
            // is most often the same feed subscribed twice, in a store from before feed identities).
            alsoIn = Array(Set(alsoIn).subtracting([article.feedTitle])).sorted { a, b in
                let order = a.caseInsensitiveCompare(b)
                return order != .orderedSame ? order == .orderedAscending : a < b
            }
        }
        let title = article.title.map { $0.collapsingAllASCIIWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        let date = article.published ?? article.firstSeen
        return DigestEntry(
            articleID: article.id,
            storyID: article.storyID,
            title: title ?? "(untitled)",
            url: WebURL.checked(article.canonicalURL) ?? WebURL.checked(article.link),
            feedTitle: article.feedTitle,
            date: date,
            dateText: dates.time(date),
            summary: article.text.map { TextSummary.sentences(of: $0) } ?? "",
            alsoIn: alsoIn,
            imageURL: WebURL.checked(article.imageURL),
            coveredBy: coveredBy
        )
    }

    /// For each story slot whose story reports an event other outlets also reported: how many other feeds did.
    private static func eventCoverage(representatives: [Int], otherFeeds: [[Int]], articles: [DigestArticle])
        -> [Int: Int]
    {
        let stories = representatives.enumerated().map { slot, index in
            let article = articles[index]
            return StoryEvents.Story(
                id: article.storyID, feeds: Set([article.feedID] + otherFeeds[slot].map { articles[$0].feedID }),
                published: (article.published ?? article.firstSeen).timeIntervalSince1970,
                tokens: EventTokens(title: article.title, text: article.text))
        }
        var coverage: [Int: Int] = [:]
        for (slot, story) in StoryEvents.coverage(of: stories).enumerated() {
            if let story, story.outlets > 0 { coverage[slot] = story.outlets }
        }
        return coverage
    }

    private static func healthNotes(_ problems: [DigestFeedProblem], dates: DigestDateFormatting) -> [DigestHealthNote]
    {
        let rank = DigestHealthSummary.rank
        let sorted = problems.enumerated().sorted { a, b in
            let (left, right) = (a.element, b.element)
            if rank(left.kind) != rank(right.kind) { return rank(left.kind) < rank(right.kind) }
            let order = left.feedTitle.caseInsensitiveCompare(right.feedTitle)
            return order != .orderedSame ? order == .orderedAscending : a.offset < b.offset
        }
        return sorted.map { DigestHealthNote(problem: $0.element, text: describe($0.element.kind, dates: dates)) }
    }

    private static func describe(_ kind: DigestFeedProblem.Kind, dates: DigestDateFormatting) -> String {
        switch kind {
        case .failing(let since, let status, let error):
            let reason = error.collapsingAllASCIIWhitespace()
            let cause: String
            switch (status, reason.isEmpty) {
            case (let status?, false): cause = "HTTP \(status), \(reason)"
            case (let status?, true): cause = "HTTP \(status)"
            case (nil, false): cause = reason
            case (nil, true): cause = "unknown error"
            }
            return "failing since \(dates.time(since)): \(cause)"
        case .gone(let since):
            return "gone (HTTP 410)" + (since.map { " since \(dates.time($0))" } ?? "")
        case .moved(let from, let to, let at):
            return "moved from \(from) to \(to)" + (at.map { " on \(dates.time($0))" } ?? "")
        case .silent(let last, let usual):
            return "no new articles since \(dates.time(last)), usually every \(DigestDateFormatting.interval(usual))"
        case .fullTextFailing(let failures, let error):
            let pages = failures == 1 ? "1 article page" : "\(failures) article pages"
            return "full text: \(pages) failed, the feed's own content kept: \(error.collapsingAllASCIIWhitespace())"
        }
    }
}
