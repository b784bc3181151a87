import FeedStore
import Foundation

/// When a feed is fetched next, and what decided it (for the store and for `feedctl list` and `show`).
public struct NextFetch: Sendable, Equatable {
    public var date: Date
    public var reason: ScheduleReason

    public init(date: Date, reason: ScheduleReason) {
        self.date = date
        self.reason = reason
    }
}
