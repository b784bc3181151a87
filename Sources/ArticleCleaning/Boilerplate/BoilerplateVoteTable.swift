/// Counts, for each template key, the distinct other items of a feed that carry it: this fetch's items and the
/// remembered ones, each identity once.
///
/// An item never votes for itself: neither its own copy in memory (shadowed by identity) nor another item of
/// the fetch that is a copy of the same story (sharing most story-length blocks, or the same identity).
struct BoilerplateVoteTable {
    private var counts: BoilerplateKeyCounts
    private let itemKeys: [[UInt64]]
    /// For each item of the fetch, the indices of the other items that are copies of it.
    private var copies: [[Int]]
    /// Remembered items that are not in this fetch: each can vote.
    private var rememberedVoters = 0

    init(articles: [BoilerplateArticle], memory: FeedTemplateMemory) {
        itemKeys = articles.map(\.allKeys)
        copies = Array(repeating: [], count: articles.count)
        let memoryKeyCount = memory.entries.reduce(0) { $0 + $1.keys.count }
        counts = BoilerplateKeyCounts(capacity: itemKeys.reduce(0) { $0 + $1.count } + memoryKeyCount)
        for keys in itemKeys {
            for key in keys { counts.increment(key) }
        }
        var current = BoilerplateKeyCounts(capacity: articles.count)
        for article in articles { current.increment(article.identity) }
        for entry in memory.entries where current.count(of: entry.identity) == 0 {
            rememberedVoters += 1
            for key in entry.keys { counts.increment(key) }
        }
        findCopies(articles)
    }

    /// How many other items carry `key`, which item `item` carries.
    func votes(for key: UInt64, item: Int) -> Int {
        guard key != 0 else { return 0 }
        let count = counts.count(of: key)
        guard count > 1 else { return 0 }
        var votes = count - 1
        for other in copies[item] where Self.contains(itemKeys[other], key) { votes -= 1 }
        return votes
    }

    /// How many distinct other items could vote for item `item`: the fetch's other items that are not copies of
    /// it, and the remembered items.
    func voters(item: Int) -> Int {
        itemKeys.count - 1 - copies[item].count + rememberedVoters
    }

    /// True when `votes` come from every item that could vote for item `item`, and there is one at least.
    func isUnanimous(_ votes: Int, item: Int) -> Bool {
        votes >= 1 && votes >= voters(item: item)
    }

    /// True when `votes` come from most of the items that could vote for item `item`: at least `minimum` and at
    /// least 60% of them.
    ///
    /// A template the site prints in every item passes however many items the feed shows; a phrase the stories
    /// share by chance ("… it said in a statement.") stays a minority once memory holds the feed's recent items.
    func isMajority(_ votes: Int, item: Int, minimum: Int) -> Bool {
        votes >= minimum && votes * 5 >= voters(item: item) * 3
    }

    private mutating func findCopies(_ articles: [BoilerplateArticle]) {
        let count = articles.count
        guard count > 1 else { return }
        var itemsByStoryKey: [UInt64: [Int]] = [:]
        let blockCounts = articles.map(\.blocks.count)
        for (index, article) in articles.enumerated() {
            var keys = article.storyKeys
            keys.sort()
            var last: UInt64 = 0
            for key in keys where key != last {
                itemsByStoryKey[key, default: []].append(index)
                last = key
            }
        }
        var shared: [Int: Int] = [:]
        for items in itemsByStoryKey.values where items.count > 1 {
            for first in 0..<items.count {
                for second in (first + 1)..<items.count {
                    shared[items[first] * count + items[second], default: 0] += 1
                }
            }
        }
        for (pair, sharedCount) in shared {
            let first = pair / count
            let second = pair % count
            // More than half of the shorter item's blocks: a long template trailer is a minority of a story.
            if sharedCount >= 2 && sharedCount * 2 > min(blockCounts[first], blockCounts[second]) {
                copies[first].append(second)
                copies[second].append(first)
            }
        }
        var byIdentity: [UInt64: [Int]] = [:]
        for (index, article) in articles.enumerated() { byIdentity[article.identity, default: []].append(index) }
        for items in byIdentity.values where items.count > 1 {
            for first in items {
                for second in items where second != first && !copies[first].contains(second) {
                    copies[first].append(second)
                }
            }
        }
    }

    private static func contains(_ sorted: [UInt64], _ key: UInt64) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == key
    }
}
