/// The polling limits from `[fetch]`: the default interval and the bounds every computed interval stays within.
public struct ScheduleSettings: Sendable, Equatable {
    public var interval: Duration
    public var minInterval: Duration
    public var maxInterval: Duration

    public init(
        interval: Duration = .seconds(3600), minInterval: Duration = .seconds(900),
        maxInterval: Duration = .seconds(86_400)
    ) {
        self.interval = interval
        self.minInterval = minInterval
        self.maxInterval = maxInterval
    }
}
