import FeedModel
import FeedPipeline
import FeedStore
import Foundation
import Testing

/// The labelled corpus (`Fixtures/labelled`) through parsing, cleaning and the store, fetch by fetch: the body
/// each item keeps, the boilerplate it leaks, and which items end in one story.
@Suite struct LabelledCorpusTests {
    @Test func cleaningAndStoriesMeetTheBars() throws {
        var total = LabelledScore()
        for (name, corpus) in try LabelledCorpus.all() {
            let score = try Self.score(corpus, name: name)
            print("labelled \(name): \(score)")
            total.add(score)
        }
        print("labelled corpus: \(total)")
        for failure in total.failures { print("  \(failure)") }
        #expect(total.bodyParagraphs > 300 && total.copyPairs > 30 && total.hardNegativePairs > 30)
        #expect(total.bodyKeptShare >= 0.99, "\(total)")
        #expect(total.junkLeakedShare <= 0.01, "\(total)")
        #expect(total.copyPrecision >= 0.99, "\(total)")
        #expect(total.copyRecall >= 0.95, "\(total)")
        #expect(total.hardNegativesMerged == 0, "\(total)")
        #expect(total.labelledEventPairs > 5)
        #expect(total.eventPrecision >= 0.95, "\(total)")
    }

    static func score(_ corpus: LabelledCorpus, name: String) throws -> LabelledScore {
        let newsroom = try Newsroom()
        let fetches = corpus.feeds.map(\.fetches.count).max() ?? 0
        // Round by round, as a daemon's cycles would: every feed's first fetch, then every second one.
        for round in 0..<fetches {
            for feed in corpus.feeds where round < feed.fetches.count {
                try newsroom.fetch(bytes: corpus.rss(feed, fetch: round), as: feed.name)
            }
        }
        var stored: [String: StoredArticle] = [:]
        for feed in corpus.feeds {
            let articles = try newsroom.articles(of: feed.name)
            for id in Set(feed.fetches.joined()) {
                guard let item = corpus.items[id] else { continue }
                stored[id] = articles.first { $0.guid == item.identity }
            }
        }
        var score = LabelledScore()
        for (id, item) in corpus.items.sorted(by: { $0.key < $1.key }) {
            let text = normalized(stored[id]?.contentText ?? "")
            for paragraph in item.body {
                score.bodyParagraphs += 1
                if text.contains(normalized(paragraph)) {
                    score.bodyKept += 1
                } else {
                    score.failures.append("\(name) \(id): lost \"\(paragraph.prefix(80))\"")
                }
            }
            for line in item.junk {
                score.junkLines += 1
                if text.contains(normalized(line)) {
                    score.junkLeaked += 1
                    score.failures.append("\(name) \(id): kept \"\(line.prefix(80))\"")
                }
            }
        }
        let copyPairs = Self.pairs(corpus.copies)
        let ids = stored.keys.sorted()
        for (index, first) in ids.enumerated() {
            for second in ids[(index + 1)...] where stored[first]?.story == stored[second]?.story {
                score.mergedPairs += 1
                if copyPairs.contains(Pair(first, second)) {
                    score.mergedCopyPairs += 1
                } else {
                    score.failures.append("\(name): \(first) and \(second) merged, not labelled copies")
                }
            }
        }
        for pair in copyPairs.sorted(by: { ($0.first, $0.second) < ($1.first, $1.second) }) {
            score.copyPairs += 1
            let found = stored[pair.first] != nil && stored[pair.first]?.story == stored[pair.second]?.story
            if found {
                score.copyPairsFound += 1
            } else {
                score.failures.append("\(name): \(pair.first) and \(pair.second) are copies, not merged")
            }
            if let first = corpus.items[pair.first], let second = corpus.items[pair.second], isTeaser(first, second) {
                score.teaserPairs += 1
                if found { score.teaserPairsFound += 1 }
            }
        }
        Self.scoreEvents(corpus, stored: stored, name: name, into: &score)
        for pair in Self.pairs(corpus.distinct) {
            score.hardNegativePairs += 1
            if let story = stored[pair.first]?.story, story == stored[pair.second]?.story {
                score.hardNegativesMerged += 1
            }
        }
        return score
    }

    /// Events among the stored stories, as `StoryEvents` relates them, against the labelled event groups.
    static func scoreEvents(
        _ corpus: LabelledCorpus, stored: [String: StoredArticle], name: String, into score: inout LabelledScore
    ) {
        var byStory: [Int64: [StoredArticle]] = [:]
        for article in stored.values { byStory[article.story, default: []].append(article) }
        let stories = byStory.map { story, articles in
            let first = articles.min { $0.id < $1.id }!
            return StoryEvents.Story(
                id: story, feeds: Set(articles.map(\.feed.id)),
                published: (first.published ?? first.fetched).timeIntervalSince1970,
                tokens: EventTokens(title: first.title, text: first.contentText))
        }
        let events = StoryEvents.events(of: stories)
        let labelled = pairs(corpus.events)
        let ids = stored.keys.sorted()
        for (index, first) in ids.enumerated() {
            for second in ids[(index + 1)...] {
                guard let a = stored[first], let b = stored[second], a.story != b.story else { continue }
                let related = events[a.story] != nil && events[a.story] == events[b.story]
                let isLabelled = labelled.contains(Pair(first, second))
                if related {
                    score.eventPairs += 1
                    if isLabelled {
                        score.eventPairsLabelled += 1
                    } else {
                        score.failures.append("\(name): \(first) and \(second) related as one event, not labelled")
                    }
                }
                if isLabelled {
                    score.labelledEventPairs += 1
                    if related {
                        score.labelledEventPairsFound += 1
                    } else {
                        score.failures.append("\(name): \(first) and \(second) are one event, not related")
                    }
                }
            }
        }
    }

    /// An unordered pair of item ids.
    struct Pair: Hashable {
        let first: String
        let second: String

        init(_ a: String, _ b: String) {
            (first, second) = a < b ? (a, b) : (b, a)
        }
    }

    static func pairs(_ groups: [[String]]) -> Set<Pair> {
        var pairs: Set<Pair> = []
        for group in groups {
            for (index, first) in group.enumerated() {
                for second in group[(index + 1)...] { pairs.insert(Pair(first, second)) }
            }
        }
        return pairs
    }

    /// One side's body is less than half the other's: a teaser or a link post.
    static func isTeaser(_ a: LabelledCorpus.Item, _ b: LabelledCorpus.Item) -> Bool {
        let lengths = [a, b].map { $0.body.joined(separator: " ").count }
        return (lengths.min() ?? 0) * 2 < (lengths.max() ?? 0)
    }

    /// Text compared as a person reads it: whitespace runs as one space.
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension LabelledScore {
    mutating func add(_ other: LabelledScore) {
        bodyParagraphs += other.bodyParagraphs
        bodyKept += other.bodyKept
        junkLines += other.junkLines
        junkLeaked += other.junkLeaked
        mergedPairs += other.mergedPairs
        mergedCopyPairs += other.mergedCopyPairs
        copyPairs += other.copyPairs
        copyPairsFound += other.copyPairsFound
        teaserPairs += other.teaserPairs
        teaserPairsFound += other.teaserPairsFound
        hardNegativePairs += other.hardNegativePairs
        hardNegativesMerged += other.hardNegativesMerged
        eventPairs += other.eventPairs
        eventPairsLabelled += other.eventPairsLabelled
        labelledEventPairs += other.labelledEventPairs
        labelledEventPairsFound += other.labelledEventPairsFound
        failures += other.failures
    }
}
