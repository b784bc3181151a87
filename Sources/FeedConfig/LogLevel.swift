/// A log level as written in `[log] level`; the raw values match swift-log's `Logger.Level`.
public enum LogLevel: String, Sendable, Equatable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical
}
