/// A wall-clock time of day with minute precision, written `HH:MM` (24-hour) in the configuration.
public struct TimeOfDay: Sendable, Hashable, CustomStringConvertible {
    /// 0...23.
    public var hour: Int
    /// 0...59.
    public var minute: Int

    /// Creates a time of day; the caller keeps `hour` in 0...23 and `minute` in 0...59.
    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM` (24-hour, the hour may have one digit), returning nil for anything else.
    public init?(parsing text: String) {
        let parts = text.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(isDigit) }),
            let hour = Int(Substring(parts[0])), let minute = Int(Substring(parts[1])),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// `HH:MM`, zero-padded.
    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}
