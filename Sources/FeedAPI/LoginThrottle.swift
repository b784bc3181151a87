import Foundation
import Synchronization

/// Counts failed logins per client address and refuses an address that failed too often lately.
///
/// An address that failed `limit` times within `window` is refused until the oldest of those failures is older
/// than `window`; a success does not clear the count, so guessing between good logins gains nothing. At most
/// `maximumAddresses` are remembered (the least recently failing are forgotten first), so a flood of addresses
/// cannot grow it without bound. Thread-safe.
public final class LoginThrottle: Sendable {
    public let limit: Int
    public let window: TimeInterval
    static let maximumAddresses = 10_000
    private let failures = Mutex<[String: [Date]]>([:])

    public init(limit: Int = 5, window: TimeInterval = 60) {
        self.limit = limit
        self.window = window
    }

    /// How long `address` must wait before it may try again, or nil when it may try now.
    public func delay(for address: String, now: Date = Date()) -> TimeInterval? {
        failures.withLock { table in
            let recent = (table[address] ?? []).filter { now.timeIntervalSince($0) < window }
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return max(window - now.timeIntervalSince(oldest), 1)
        }
    }

    /// Records a failed login from `address`.
    public func recordFailure(from address: String, now: Date = Date()) {
        failures.withLock { table in
            var recent = (table[address] ?? []).filter { now.timeIntervalSince($0) < window }
            recent.append(now)
            table[address] = Array(recent.suffix(limit))
            if table.count > Self.maximumAddresses {
                let stale = table.filter { ($0.value.last ?? .distantPast) < now.addingTimeInterval(-window) }
                for key in stale.keys {
                    table[key] = nil
                }
                while table.count > Self.maximumAddresses,
                    let oldest = table.min(by: { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) })
                {
                    table[oldest.key] = nil
                }
            }
        }
    }
}
