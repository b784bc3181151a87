internal import ArgumentParser
import FeedStore
import Foundation
import Glibc

/// `feedctl refresh [URL|ID]`: makes feeds due now and wakes feedd.
struct RefreshCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Mark one feed (or every feed) due now and wake feedd to fetch it."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The feed's id or URL; all feeds when omitted.")
    var feed: String?

    func run() throws {
        let (_, store) = try global.openStore()
        let count = try store.markDue(feed)
        print("Marked \(Plural.count(count, "feed")) due.")
        print(DaemonContact.wake(store: store))
    }
}

/// Finding and waking the daemon through the pid it records in the store.
enum DaemonContact {
    /// The recorded pid when that process is alive and is feedd (pids are reused).
    static func runningPID(_ record: DaemonRecord) -> Int32? {
        guard record.stoppedAt == nil, record.pid > 0, kill(record.pid, 0) == 0 || errno == EPERM else {
            return nil
        }
        guard let name = try? String(contentsOfFile: "/proc/\(record.pid)/comm", encoding: .utf8) else {
            return nil
        }
        return name.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("feedd") ? record.pid : nil
    }

    /// Sends SIGUSR1 to a running feedd; the sentence says what happened.
    static func wake(store: FeedStore) -> String {
        guard let record = try? store.daemonRecord(), let pid = runningPID(record) else {
            return "feedd is not running; the feeds will be fetched when it starts."
        }
        if kill(pid, SIGUSR1) == 0 {
            return "Woke feedd (pid \(pid))."
        }
        return
            "feedd (pid \(pid)) could not be woken: \(String(cString: strerror(errno))); it fetches on its next tick."
    }
}
