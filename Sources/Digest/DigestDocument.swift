import Foundation

/// A built digest, ready to render: header, groups of feeds with their entries, and the feed health section.
///
/// The header says what follows before any of it: the contents (stories per group), feed health in one line, and
/// how many older articles the digest left out; the health details come last, after the entries.
///
/// Every date is already formatted in the request's time zone, so the renderers only lay out text.
/// Build one with ``DigestBuilder/build(articles:problems:request:)``.
public struct DigestDocument: Sendable {
    /// The document title, e.g. "feedd digest — Sunday, 29 November 2026".
    public var title: String
    /// The digest's day as YYYY-MM-DD in its time zone (the day the period ends); names the files.
    public var day: String
    /// The period covered.
    public var period: DateInterval
    /// The period in words, e.g. "Sat 28 Nov, 07:00 – Sun 29 Nov, 07:00".
    public var periodText: String
    /// The start of the period in words, for "Nothing new since …".
    public var startText: String
    /// When the digest was generated, in words.
    public var generatedText: String
    /// Distinct stories in the period.
    public var storyCount: Int
    /// All articles passed to the builder.
    public var articleCount: Int
    /// Distinct feeds with at least one article.
    public var feedCount: Int
    /// The groups in display order: tags sorted case-insensitively, untagged feeds last.
    public var groups: [DigestGroup]
    /// Feed health notes, failing feeds first.
    public var health: [DigestHealthNote]
    /// Feed health in one line, for the header.
    public var healthSummary: DigestHealthSummary
    /// Articles that arrived in the period but were published too long before it to be news (a new feed's
    /// history): stored, listed by `feedctl articles`, not shown.
    public var leftOutCount: Int
    /// The instant before which the left-out articles were published, in words.
    public var leftOutBeforeText: String?
    /// Whether the HTML shows the entries' images.
    public var images: Bool

    /// True when no article arrived in the period; the digest then says "Nothing new since …".
    public var isEmpty: Bool { storyCount == 0 }

    /// The one-line text an empty digest shows.
    public var nothingNewText: String { "Nothing new since \(startText)." }

    /// The contents in one line: "14 stories: News 8 · Tech 5 · Other 1", or "14 stories from 8 feeds" when
    /// the feeds have no tags.
    public var contentsText: String {
        let stories = Self.count(storyCount, "story", "stories")
        let parts = groups.compactMap { group in group.heading.map { "\($0) \(group.storyCount)" } }
        guard parts.isEmpty else { return stories + ": " + parts.joined(separator: " · ") }
        let feeds = groups.reduce(0) { $0 + $1.feeds.count }
        return stories + " from " + Self.count(feeds, "feed", "feeds")
    }

    /// The line about left-out older articles, or nil when none was left out.
    public var leftOutText: String? {
        guard leftOutCount > 0 else { return nil }
        let older = Self.count(leftOutCount, "older article", "older articles")
        let before = leftOutBeforeText.map { ", published before \($0)" } ?? ""
        return "Left out: \(older)\(before); feedctl articles lists them."
    }

    /// Creates a digest; ``DigestBuilder`` is the usual way.
    public init(
        title: String,
        day: String,
        period: DateInterval,
        periodText: String,
        startText: String,
        generatedText: String,
        storyCount: Int,
        articleCount: Int,
        feedCount: Int,
        groups: [DigestGroup],
        health: [DigestHealthNote],
        healthSummary: DigestHealthSummary,
        leftOutCount: Int = 0,
        leftOutBeforeText: String? = nil,
        images: Bool
    ) {
        self.title = title
        self.day = day
        self.period = period
        self.periodText = periodText
        self.startText = startText
        self.generatedText = generatedText
        self.storyCount = storyCount
        self.articleCount = articleCount
        self.feedCount = feedCount
        self.groups = groups
        self.health = health
        self.healthSummary = healthSummary
        self.leftOutCount = leftOutCount
        self.leftOutBeforeText = leftOutBeforeText
        self.images = images
    }

    static func count(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(n) \(n == 1 ? singular : plural)"
    }
}
