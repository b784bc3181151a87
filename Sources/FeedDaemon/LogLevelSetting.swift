import Logging
import Synchronization

/// The level the daemon's log handlers share, so that a reloaded `[log] level` takes effect at once.
public final class LogLevelSetting: Sendable {
    private let storage: Mutex<Logger.Level>

    public init(_ level: Logger.Level) {
        storage = Mutex(level)
    }

    public var value: Logger.Level {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
