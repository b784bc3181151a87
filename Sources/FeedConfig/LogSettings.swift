/// The `[log]` table.
public struct LogSettings: Sendable, Equatable {
    /// `level`: the least severe level that is logged; default info.
    public var level: LogLevel

    /// Creates log settings.
    public init(level: LogLevel) {
        self.level = level
    }

    /// The defaults.
    public static let defaults = LogSettings(level: .info)
}
