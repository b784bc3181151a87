/// The distinct unread stories of one stream and its newest sort time, as `streamUnreadCounts` gathers them.
struct StreamUnreadTally {
    var stories = Set<Int64>()
    var newest = 0.0

    mutating func add(_ story: Int64, _ sortAt: Double) {
        stories.insert(story)
        newest = max(newest, sortAt)
    }

    var count: StreamUnreadCounts.Count {
        StreamUnreadCounts.Count(stories: stories.count, newest: newest)
    }
}
