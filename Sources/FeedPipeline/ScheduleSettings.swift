/// The polling settings from `[fetch]`: the owner's interval, whether a feed's pace replaces it, and the bounds of
/// the pace and of back-off.
public struct ScheduleSettings: Sendable, Equatable {
    public var interval: Duration
    public var minInterval: Duration
    public var maxInterval: Duration
    /// Whether a feed without an interval of its own follows its pace instead of `interval`.
    public var adaptive: Bool

    public init(
        interval: Duration = .seconds(3600), minInterval: Duration = .seconds(900),
        maxInterval: Duration = .seconds(86_400), adaptive: Bool = false
    ) {
        self.interval = interval
        self.minInterval = minInterval
        self.maxInterval = maxInterval
        self.adaptive = adaptive
    }
}
