import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A feedd that cannot start says why in one line, at priority err under journald, and exits with a status that
/// tells systemd whether a restart could help (the unit's `RestartPreventExitStatus=64 73 78`).
@Suite(.serialized) struct FeeddStartFailureTests {
    /// What breaks the start, and the exit status and words it must give.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let extraTOML: String
        let storeContents: String?
        let status: Int32
        let words: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "invalid configuration", extraTOML: "[fetch.extra]\nconcurency = 4\n", storeContents: nil,
            status: 78, words: "feedd.toml:7: fetch.extra: unknown key"),
        Case(
            name: "store that is not a database", extraTOML: "", storeContents: "not a database\n", status: 73,
            words: "store.sqlite"),
    ]

    @Test(arguments: cases, [false, true])
    func aFailedStartIsOneLineWithItsExitStatus(_ failure: Case, journal: Bool) throws {
        let sandbox = try FeedctlSandbox(extraTOML: failure.extraTOML)
        if let contents = failure.storeContents {
            try Data(contents.utf8).write(to: URL(fileURLWithPath: sandbox.storePath))
        }
        let daemon = try BackgroundProcess(
            executable: FeedctlBinary.feedd, arguments: ["--config", sandbox.configPath], journal: journal)
        #expect(daemon.waitForExit(seconds: 20))
        #expect(daemon.process.terminationStatus == failure.status, "\(daemon.standardError)")
        let lines = daemon.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(daemon.standardError)")
        let line = String(lines.first ?? "")
        #expect(line.contains(failure.words), "\(line)")
        #expect(line.hasPrefix(journal ? "<3>" : "feedd: "), "\(line)")
    }

    @Test func aSecondDaemonOnTheStoreRefusesNamingTheFirst() throws {
        let server = try LoopbackHTTPServer(routes: ["/feed.xml": .ok(NumberedFeed.rss("one", items: 1...2))])
        defer { server.stop() }
        let sandbox = try FeedctlSandbox(
            extraTOML: "[[feed]]\nurl = \(FeedctlSandbox.tomlString(server.url("/feed.xml")))\n")
        let notify = try NotifySocket()
        let service = try BackgroundProcess(
            executable: FeedctlBinary.feedd, arguments: ["--config", sandbox.configPath],
            environment: ["NOTIFY_SOCKET": notify.path])
        #expect(notify.waitFor("READY=1"), "\(service.standardError)")
        let pid = service.process.processIdentifier

        for arguments in [["--once"], []] {
            let second = try FeedctlBinary.run(
                ["--config", sandbox.configPath] + arguments, executable: FeedctlBinary.feedd)
            #expect(second.status == 75, "\(second.standardError)")
            #expect(second.standardError.contains("another feedd (pid \(pid)) is running"), "\(second.standardError)")
        }
        #expect(service.isRunning)

        // kill -9 leaves no stale lock: the next feedd starts.
        #expect(service.killHard())
        let once = try FeedctlBinary.run(["--config", sandbox.configPath, "--once"], executable: FeedctlBinary.feedd)
        #expect(once.status == 0, "\(once.standardError)")
    }

    /// The API's address taken by another program: exit 1, which a restart may cure once it lets go.
    @Test func anAPIAddressInUseExitsOneNamingIt() throws {
        let (descriptor, port) = try LoopbackListener.open()
        defer { close(descriptor) }
        let sandbox = try FeedctlSandbox(extraTOML: "[api]\nlisten = \"127.0.0.1:\(port)\"\n")
        let result = try FeedctlBinary.run(["--config", sandbox.configPath], executable: FeedctlBinary.feedd)
        #expect(result.status == 1, "\(result.standardError)")
        #expect(
            result.standardError
                == "feedd: cannot listen on 127.0.0.1:\(port) ([api] listen): Address already in use\n")
    }

    /// An address that is not this host's (TEST-NET-1) cannot be cured by a restart: exit 78, as for the file.
    @Test func anAPIAddressNotOnThisHostExits78() throws {
        let sandbox = try FeedctlSandbox(extraTOML: "[api]\nlisten = \"192.0.2.1:8070\"\n")
        let result = try FeedctlBinary.run(["--config", sandbox.configPath], executable: FeedctlBinary.feedd)
        #expect(result.status == 78, "\(result.standardError)")
        #expect(result.standardError.hasPrefix("feedd: cannot listen on 192.0.2.1:8070 ([api] listen): "))
    }
}
