import Foundation
import Glibc
import Logging
import Synchronization

/// swift-log to standard error: `<N>message key=value …` lines for journald, timestamped lines elsewhere.
///
/// Under systemd, stderr is a stream to journald (`$JOURNAL_STREAM` names its device and inode); journald adds the
/// timestamp itself and reads the syslog priority from the `<N>` prefix, so `journalctl -p warning` works.
public struct StandardErrorLogHandler: LogHandler {
    /// The shared level: setting it on one copy of the handler sets it for all (a reload changes it).
    public var logLevel: Logger.Level {
        get { level.value }
        set { level.value = newValue }
    }
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let level: LogLevelSetting
    private let forJournal: Bool

    public init(
        label: String, level: LogLevelSetting, forJournal: Bool = StandardErrorLogHandler.stderrIsJournal()
    ) {
        self.label = label
        self.level = level
        self.forJournal = forJournal
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let text = Self.line(message: event.message, metadata: metadata.merging(event.metadata ?? [:]) { $1 })
        let line: String
        if forJournal {
            line = "<\(Self.syslogPriority(event.level))>\(text)\n"
        } else {
            line = "\(Self.timestamp()) \(event.level.rawValue.uppercased()) \(text)\n"
        }
        Self.output.withLock { _ in
            var bytes = line
            bytes.withUTF8 { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 {
                        if written < 0 && errno == EINTR { continue }
                        return
                    }
                    offset += written
                }
            }
        }
    }

    /// Serialises whole lines from several threads.
    private static let output = Mutex(())

    /// syslog(3) priorities, as journald reads them.
    public static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    /// True when `$JOURNAL_STREAM` ("device:inode") is the file standard error is connected to.
    public static func stderrIsJournal(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let stream = environment["JOURNAL_STREAM"] else { return false }
        let parts = stream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(STDERR_FILENO, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }

    /// "2026-11-29 14:05:09.123" in local time.
    private static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        localtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d.%03d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), now.tv_nsec / 1_000_000)
    }
}
