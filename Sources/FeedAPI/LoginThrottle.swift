import Foundation
import Synchronization

/// Counts login attempts per client address and refuses an address that failed too often lately.
///
/// An attempt is counted from the moment it starts (`begin`) until it ends (`finish`), so guesses sent all at
/// once wait in line with the failures before them instead of all passing the check while the first are still
/// being hashed. An address with `limit` failures and attempts in flight within `window` is refused until the
/// oldest failure is older than `window`; a success does not clear the count, so guessing between good logins
/// gains nothing. At most `maximumAddresses` are remembered (the least recently failing first forgotten), so a
/// flood of addresses cannot grow it without bound. Thread-safe.
public final class LoginThrottle: Sendable {
    public let limit: Int
    public let window: TimeInterval
    static let maximumAddresses = 10_000

    private struct Record {
        var failures: [Date] = []
        var pending = 0
    }

    private let records = Mutex<[String: Record]>([:])

    public init(limit: Int = 5, window: TimeInterval = 60) {
        self.limit = limit
        self.window = window
    }

    /// Starts an attempt from `address`: nil when it may go ahead (it counts until `finish`), else how many seconds
    /// the address must wait.
    public func begin(_ address: String, now: Date = Date()) -> TimeInterval? {
        records.withLock { table in
            var record = table[address] ?? Record()
            record.failures.removeAll { now.timeIntervalSince($0) >= window }
            guard record.failures.count + record.pending < limit else {
                table[address] = record
                guard record.failures.count >= limit, let oldest = record.failures.first else { return 1 }
                return max(window - now.timeIntervalSince(oldest), 1)
            }
            record.pending += 1
            table[address] = record
            Self.trim(&table, now: now, window: window)
            return nil
        }
    }

    /// Ends an attempt `begin` let through; a failed one counts against the address for `window`.
    public func finish(_ address: String, failed: Bool, now: Date = Date()) {
        records.withLock { table in
            var record = table[address] ?? Record()
            record.pending = max(record.pending - 1, 0)
            if failed {
                record.failures.append(now)
                record.failures = Array(record.failures.suffix(limit))
            }
            table[address] = record.pending == 0 && record.failures.isEmpty ? nil : record
        }
    }

    private static func trim(_ table: inout [String: Record], now: Date, window: TimeInterval) {
        guard table.count > maximumAddresses else { return }
        for (address, record) in table
        where record.pending == 0 && (record.failures.last ?? .distantPast) < now.addingTimeInterval(-window) {
            table[address] = nil
        }
        while table.count > maximumAddresses,
            let oldest = table.min(by: {
                ($0.value.failures.last ?? .distantPast) < ($1.value.failures.last ?? .distantPast)
            })
        {
            table[oldest.key] = nil
        }
    }
}
