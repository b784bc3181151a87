import FeedDaemon
import Foundation
import Glibc
import Logging
import Testing

@Suite struct SystemdNotifierTests {
    /// Binds a datagram socket at `name` (a path, or `@name` for the abstract namespace) and returns it.
    func listen(_ name: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(name.utf8)
        if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        // Written the way systemd binds, not with the notifier's formula: an abstract name is exactly
        // offsetof(sun_path) + 1 + strlen(name) long; a path socket is bound with the whole structure.
        let length =
            bytes.first == 0
            ? 2 + 1 + (name.utf8.count - 1) : MemoryLayout<sockaddr_un>.size
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(length)) }
        }
        try #require(result == 0)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return descriptor
    }

    func receive(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : ""
    }

    @Test(arguments: [false, true])
    func sendsToAPathOrAnAbstractSocket(abstract: Bool) throws {
        let unique = "feedd-notify-test-\(getpid())-\(UUID().uuidString.prefix(6))"
        let name = abstract ? "@" + unique : NSTemporaryDirectory() + unique
        let descriptor = try listen(name)
        defer {
            close(descriptor)
            if !abstract { unlink(name) }
        }
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": name])
        #expect(notifier.isActive)
        #expect(notifier.notify("READY=1\nSTATUS=12 feeds"))
        #expect(receive(descriptor) == "READY=1\nSTATUS=12 feeds")
    }

    @Test func withoutASocketNothingIsSent() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isActive)
        #expect(!notifier.notify("READY=1"))
        #expect(notifier.watchdogInterval == nil)
    }

    @Test(
        arguments: [
            (["WATCHDOG_USEC": "30000000"], Duration.seconds(15)),
            (["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(getpid())"], Duration.seconds(15)),
            (["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"], nil),
            (["WATCHDOG_USEC": "zero"], nil),
            (["WATCHDOG_USEC": "0"], nil),
        ] as [([String: String], Duration?)])
    func watchdogIsHalfTheIntervalForThisProcessOnly(environment: [String: String], expected: Duration?) {
        #expect(SystemdNotifier(environment: environment).watchdogInterval == expected)
    }
}

@Suite struct StandardErrorLogHandlerTests {
    @Test(arguments: [
        (Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
    ])
    func levelsMapToSyslogPriorities(level: Logger.Level, priority: Int) {
        #expect(StandardErrorLogHandler.syslogPriority(level) == priority)
    }

    @Test func journalIsDetectedOnlyWhenStandardErrorIsThatStream() {
        var info = stat()
        fstat(STDERR_FILENO, &info)
        let matching = "\(info.st_dev):\(info.st_ino)"
        #expect(StandardErrorLogHandler.stderrIsJournal(environment: ["JOURNAL_STREAM": matching]))
        #expect(!StandardErrorLogHandler.stderrIsJournal(environment: ["JOURNAL_STREAM": "1:2"]))
        #expect(!StandardErrorLogHandler.stderrIsJournal(environment: [:]))
    }
}

@Suite struct LogLevelSettingTests {
    @Test func everyHandlerFollowsTheSharedLevel() {
        let setting = LogLevelSetting(.info)
        let first = StandardErrorLogHandler(label: "a", level: setting, forJournal: false)
        var second = StandardErrorLogHandler(label: "b", level: setting, forJournal: false)
        #expect(first.logLevel == .info)
        setting.value = .debug
        #expect(first.logLevel == .debug)
        second.logLevel = .error
        #expect(first.logLevel == .error)
        #expect(setting.value == .error)
    }
}
