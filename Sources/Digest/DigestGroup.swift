/// The feeds of one tag, in alphabetical order.
public struct DigestGroup: Sendable {
    /// The tag, or nil for feeds without tags.
    public var tag: String?
    /// The heading to show: the tag, "Other" for untagged feeds, or nil when no feed in the digest has tags.
    public var heading: String?
    /// The feeds, sorted by title case-insensitively.
    public var feeds: [DigestFeedSection]

    /// The heading of the group of highlighted stories, which comes first.
    public static let highlightsHeading = "Highlights"

    /// The group's stories, those left out by the per-feed cap included.
    public var storyCount: Int { feeds.reduce(0) { $0 + $1.entries.count + $1.moreCount } }

    /// Creates a group.
    public init(tag: String?, heading: String?, feeds: [DigestFeedSection]) {
        self.tag = tag
        self.heading = heading
        self.feeds = feeds
    }
}
