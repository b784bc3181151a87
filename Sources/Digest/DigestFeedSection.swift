/// One feed's entries in a digest, newest first, capped at the request's per-feed limit.
public struct DigestFeedSection: Sendable {
    /// The feed's id.
    public var feedID: Int64
    /// The feed's display title.
    public var feedTitle: String
    /// The entries shown, newest first.
    public var entries: [DigestEntry]
    /// Entries left out by the per-feed cap ("and N more").
    public var moreCount: Int

    /// The "and N more" line, or nil when nothing was left out.
    public var moreText: String? { moreCount > 0 ? "and \(moreCount) more" : nil }

    /// Creates a feed section.
    public init(feedID: Int64, feedTitle: String, entries: [DigestEntry], moreCount: Int) {
        self.feedID = feedID
        self.feedTitle = feedTitle
        self.entries = entries
        self.moreCount = moreCount
    }
}
