/// Which stories report one event: different outlets writing the same facts in their own words, related but not
/// copies (their `story` ids stay apart).
///
/// Precision first, since a wrong link is worse than a missing one: two stories are one event only when they come
/// from different feeds, were published within `window` of each other, and their leads (`EventTokens`) share
/// names and numbers: three names and a number, or two names and three numbers, and at least a fifth of what the
/// longer lead names. Groups are complete: every two stories of an event are one event by this rule. Pure; safe
/// on any thread.
public enum StoryEvents {
    /// One story to relate: its id, the feeds that carry it, when it was published and its tokens.
    public struct Story: Sendable {
        public var id: Int64
        public var feeds: Set<Int64>
        public var published: Double
        public var tokens: EventTokens

        public init(id: Int64, feeds: Set<Int64>, published: Double, tokens: EventTokens) {
            self.id = id
            self.feeds = feeds
            self.published = published
            self.tokens = tokens
        }
    }

    /// Stories that may hold one name before it stops finding pairs.
    static let commonName = 200

    /// How far apart two reports of one event may be published.
    public static let window: Double = 3 * 86_400

    /// The event of each story that shares one with another (story id → the smallest story id of its event);
    /// stories without one are absent.
    public static func events(of stories: [Story]) -> [Int64: Int64] {
        var parent = Array(stories.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index {
                parent[index] = parent[parent[index]]
                index = parent[index]
            }
            return index
        }
        // Only stories that share two names can be one event: find them through the names, so that a digest of
        // thousands of stories does not compare every pair. A name in very many stories finds no pairs by itself.
        var candidates: [(Int, Int)] = []
        var storiesByName: [String: [Int]] = [:]
        for (index, story) in stories.enumerated() {
            for name in story.tokens.names { storiesByName[name, default: []].append(index) }
        }
        for first in stories.indices {
            var sharedNames: [Int: Int] = [:]
            for name in stories[first].tokens.names {
                guard let holders = storiesByName[name], holders.count <= Self.commonName else { continue }
                for second in holders where second > first { sharedNames[second, default: 0] += 1 }
            }
            for (second, count) in sharedNames where count >= 2 && isOneEvent(stories[first], stories[second]) {
                candidates.append((first, second))
            }
        }
        // Complete linkage: two groups join only when every story of one is one event with every story of the
        // other, so a roundup that touches several events cannot chain them into one.
        var members = stories.indices.map { [$0] }
        for (first, second) in candidates {
            let (a, b) = (root(first), root(second))
            guard a != b else { continue }
            guard members[a].allSatisfy({ x in members[b].allSatisfy { isOneEvent(stories[x], stories[$0]) } }) else {
                continue
            }
            let (keep, merged) = (min(a, b), max(a, b))
            parent[merged] = keep
            members[keep] += members[merged]
            members[merged] = []
        }
        var result: [Int64: Int64] = [:]
        for group in members where group.count > 1 {
            let event = group.map { stories[$0].id }.min() ?? 0
            for index in group { result[stories[index].id] = event }
        }
        return result
    }

    /// What a story's event adds to it: the event (its smallest story id) and how many other feeds, not carrying
    /// the story itself, reported the event in stories of their own.
    public struct Coverage: Sendable, Equatable {
        public var event: Int64
        public var outlets: Int
    }

    /// "also covered by 2 outlets", as listings and the digest say it.
    public static func coverageText(outlets: Int) -> String {
        "also covered by \(outlets) \(outlets == 1 ? "outlet" : "outlets")"
    }

    /// The coverage of each of `stories` (same order), nil for a story that shares no event.
    public static func coverage(of stories: [Story]) -> [Coverage?] {
        let events = events(of: stories)
        guard !events.isEmpty else { return stories.map { _ in nil } }
        var feedsByEvent: [Int64: Set<Int64>] = [:]
        for story in stories {
            if let event = events[story.id] { feedsByEvent[event, default: []].formUnion(story.feeds) }
        }
        return stories.map { story in
            guard let event = events[story.id], let feeds = feedsByEvent[event] else { return nil }
            return Coverage(event: event, outlets: feeds.subtracting(story.feeds).count)
        }
    }

    /// True when two stories report one event (see the type's rule).
    public static func isOneEvent(_ a: Story, _ b: Story) -> Bool {
        guard a.id != b.id, a.feeds.isDisjoint(with: b.feeds), abs(a.published - b.published) <= window else {
            return false
        }
        let names = a.tokens.names.intersection(b.tokens.names).count
        let numbers = a.tokens.numbers.intersection(b.tokens.numbers).count
        let shared = Double(names + numbers)
        let larger = Double(
            max(a.tokens.names.count + a.tokens.numbers.count, b.tokens.names.count + b.tokens.numbers.count))
        guard shared >= 0.2 * larger else { return false }
        // Names alone are not enough (one mayor is in many stories), nor are numbers (every alert has some).
        return (names >= 3 && numbers >= 1) || (names >= 2 && numbers >= 3)
    }
}
