import FeedStore

/// An interval between two fetches of a feed, in seconds, and what decided it.
public struct ScheduledInterval: Sendable, Equatable {
    public var seconds: Double
    public var reason: ScheduleReason

    public init(seconds: Double, reason: ScheduleReason) {
        self.seconds = seconds
        self.reason = reason
    }

    /// This interval, or a longer `candidate` in its place: a hint only ever lengthens the interval, and on a tie
    /// the interval keeps its own reason.
    func atLeast(_ candidate: ScheduledInterval?) -> ScheduledInterval {
        guard let candidate, candidate.seconds > seconds else { return self }
        return candidate
    }
}
