/// An item of a stream without its content, for listings of ids (Google Reader's `stream/items/ids`).
public struct StreamItemReference: Sendable, Equatable {
    public var id: Int64
    public var feedID: Int64
    /// `sort_at`, seconds since 1970.
    public var sortAt: Double

    public init(id: Int64, feedID: Int64, sortAt: Double) {
        self.id = id
        self.feedID = feedID
        self.sortAt = sortAt
    }
}
