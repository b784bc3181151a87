/// Unread stories of the reading list, of each feed and of each label (Google Reader's `unread-count`).
public struct StreamUnreadCounts: Sendable, Equatable {
    /// How many unread stories, and the newest one's sort time (seconds since 1970).
    public struct Count: Sendable, Equatable {
        public var stories: Int
        public var newest: Double

        public init(stories: Int, newest: Double) {
            self.stories = stories
            self.newest = newest
        }
    }

    public var all = Count(stories: 0, newest: 0)
    /// By feed id; feeds without unread articles are absent.
    public var feeds: [Int64: Count] = [:]
    /// By label; labels without unread articles are absent.
    public var labels: [String: Count] = [:]

    public init() {}
}
