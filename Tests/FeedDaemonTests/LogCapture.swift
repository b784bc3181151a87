import Logging
import Synchronization

/// A log handler that keeps every message, so a test can read what the daemon said and in which order.
struct LogCapture: LogHandler {
    /// The messages logged so far, shared by every copy of the handler.
    final class Lines: Sendable {
        private let storage = Mutex<[String]>([])

        var all: [String] { storage.withLock { $0 } }

        func append(_ line: String) {
            storage.withLock { $0.append(line) }
        }

        /// How many messages start with `prefix`.
        func count(prefix: String) -> Int {
            all.filter { $0.hasPrefix(prefix) }.count
        }
    }

    let lines: Lines
    var logLevel: Logger.Level = .debug
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = merged.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        lines.append("\(event.message)\(fields)")
    }
}
