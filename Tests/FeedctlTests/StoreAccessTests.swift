import FeedStore
import Foundation
import GRDB
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// End-to-end: what feedctl (and feedd) say about a store they cannot use, and what they leave behind: nothing.
///
/// Tests run as root; the ones about a user who is not root run the built feedctl as `nobody`.
@Suite(.serialized) struct StoreAccessTests {
    static let session = FeedctlSandbox.fixtureURL("session.atom")
    static let isRoot = geteuid() == 0

    /// A sandbox whose configuration (`state.toml`) puts the store at `relativePath` under the sandbox's `state`
    /// directory, which does not exist yet.
    final class StateSandbox {
        let sandbox: FeedctlSandbox
        let state: String
        let storePath: String
        let configPath: String
        private var mounted = false

        init(storeAt relativePath: String = "feedd.sqlite", extraTOML: String = "") throws {
            sandbox = try FeedctlSandbox()
            state = sandbox.directory.appendingPathComponent("state").path
            storePath = state + "/" + relativePath
            configPath = try sandbox.write(
                """
                [store]
                path = \(FeedctlSandbox.tomlString(storePath))
                [digest]
                dir = \(FeedctlSandbox.tomlString(state + "/digests"))
                \(extraTOML)
                """, to: "state.toml")
        }

        deinit {
            if mounted {
                Tmpfs.unmount(state)
            }
        }

        /// `COMMAND --config state.toml ARGUMENTS…`, as root or as `nobody`.
        func run(_ arguments: [String], asNobody: Bool = false) throws -> FeedctlBinary.Result {
            let full = commandLine(arguments)
            return asNobody ? try FeedctlBinary.runAsNobody(full) : try FeedctlBinary.run(full)
        }

        /// The arguments feedctl gets for `arguments`.
        func commandLine(_ arguments: [String]) -> [String] {
            guard let command = arguments.first else { return ["--config", configPath] }
            return [command, "--config", configPath] + arguments.dropFirst()
        }

        /// `feedd --once` on this configuration.
        func feeddOnce() throws -> FeedctlBinary.Result {
            try FeedctlBinary.run(["--config", configPath, "--once"], executable: FeedctlBinary.feedd)
        }

        /// Mounts a tmpfs of `size` on the state directory; false when this process may not mount.
        func mountState(size: String = "8m") throws -> Bool {
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
            guard isRoot, Tmpfs.mount(on: state, size: size) else {
                return false
            }
            mounted = true
            return true
        }

        func remountStateReadOnly() -> Bool {
            Tmpfs.makeReadOnly(state)
        }
    }

    /// One reason the store cannot be used, and the line every command must print for it.
    struct Cause: Sendable, CustomTestStringConvertible {
        var name: String
        /// Where the store is, under the sandbox's state directory.
        var storeAt = "feedd.sqlite"
        /// Makes the situation (the state directory exists, or is a tmpfs when `readOnlyMount`).
        var setUp: @Sendable (StateSandbox) throws -> Void
        /// The state directory is a tmpfs, mounted read-only once `setUp` has run.
        var readOnlyMount = false
        /// The commands that must fail, run as `nobody` when `asNobody`.
        var commands: [[String]]
        var asNobody = false
        /// The line without "feedctl: "; STORE is the store's path, STATE the state directory, COMMAND the
        /// command line as run.
        var message: String
        /// `feedd --once` (run as root) must refuse it too, with exit status 73.
        var feeddRefuses = true
        var testDescription: String { name }
    }

    static let causes: [Cause] = [
        Cause(
            name: "directory not writable",
            setUp: { _ in }, commands: [["add", session], ["read", "--all"]], asNobody: true,
            message: "STORE: permission denied on STATE (it belongs to the user root); run feedctl as root, e.g. "
                + "sudo COMMAND",
            feeddRefuses: false),
        Cause(
            name: "parent is a file", storeAt: "file/feedd.sqlite",
            setUp: { sandbox in try Data("a file\n".utf8).write(to: URL(fileURLWithPath: sandbox.state + "/file")) },
            commands: [["list"], ["add", session], ["status"]],
            message: "STORE: STATE/file is a file, not a directory"),
        Cause(
            name: "store path is a directory",
            setUp: { sandbox in
                try FileManager.default.createDirectory(atPath: sandbox.storePath, withIntermediateDirectories: true)
            },
            commands: [["list"], ["add", session]],
            message: "STORE: is a directory; [store] path must name the database file, e.g. STORE/feedd.sqlite"),
        Cause(
            name: "read-only file system",
            setUp: { sandbox in _ = try sandbox.run(["add", session]) }, readOnlyMount: true,
            commands: [["add", session], ["read", "--all"], ["remove", "1"]],
            message: "STORE: read-only file system: the store cannot be created or changed there"),
        Cause(
            name: "not an SQLite file",
            setUp: { sandbox in
                try Data(String(repeating: "notes\n", count: 50).utf8).write(
                    to: URL(fileURLWithPath: sandbox.storePath))
            },
            commands: [["list"], ["status", "--json"], ["add", session]],
            message: "STORE: not a feedd store: the file is not an SQLite database"),
        Cause(
            name: "an SQLite database of another program",
            setUp: { sandbox in
                let queue = try DatabaseQueue(path: sandbox.storePath)
                try queue.write { db in try db.execute(sql: "CREATE TABLE bookmark (url TEXT)") }
                try queue.close()
            },
            commands: [["list"], ["add", session]],
            message: "STORE: not a feedd store: an SQLite database of another program (tables bookmark)"),
        Cause(
            name: "written by a newer feedd",
            setUp: { sandbox in
                _ = try sandbox.run(["add", session])
                let queue = try DatabaseQueue(path: sandbox.storePath)
                try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99')") }
                try queue.close()
            },
            commands: [["list"], ["articles"], ["add", session]],
            message: "STORE: written by a newer feedd (unknown schema v99); upgrade feedd and feedctl"),
    ]

    @Test(.enabled(if: isRoot, "runs feedctl as another user and mounts file systems"), arguments: causes)
    func everyCauseIsOneLineAndLeavesTheStoreAsItWas(_ cause: Cause) throws {
        let sandbox = try StateSandbox(storeAt: cause.storeAt)
        if cause.readOnlyMount {
            // Root may mount here; should the container forbid it, there is no read-only file system to test.
            guard try sandbox.mountState() else { try Test.cancel("cannot mount a tmpfs on \(sandbox.state)") }
        } else {
            try FileManager.default.createDirectory(atPath: sandbox.state, withIntermediateDirectories: true)
        }
        try cause.setUp(sandbox)
        if cause.readOnlyMount {
            try #require(sandbox.remountStateReadOnly())
        }
        let before = DirectorySnapshot(sandbox.state)
        for arguments in cause.commands {
            let result = try sandbox.run(arguments, asNobody: cause.asNobody)
            let expected = cause.message.replacingOccurrences(of: "STORE", with: sandbox.storePath)
                .replacingOccurrences(of: "STATE", with: sandbox.state)
                .replacingOccurrences(
                    of: "COMMAND", with: (["feedctl"] + sandbox.commandLine(arguments)).joined(separator: " "))
            #expect(result.status == 1, "\(arguments)")
            #expect(result.standardOutput.isEmpty, "\(arguments)")
            #expect(result.standardError == "feedctl: \(expected)\n", "\(arguments)")
            #expect(DirectorySnapshot(sandbox.state) == before, "\(arguments)")
        }
        if cause.feeddRefuses {
            let daemon = try sandbox.feeddOnce()
            #expect(daemon.status == 73, "\(daemon.standardError)")
            let expected = cause.message.replacingOccurrences(of: "STORE", with: sandbox.storePath)
                .replacingOccurrences(of: "STATE", with: sandbox.state)
            #expect(daemon.standardError == "feedd: \(expected)\n")
            // Not even a daemon lock beside a store feedd refuses.
            #expect(DirectorySnapshot(sandbox.state) == before)
        }
        if cause.readOnlyMount {
            // Reading needs no write: a store on a read-only file system is still listed.
            let listed = try sandbox.run(["list"])
            #expect(listed.status == 0, "\(listed.standardError)")
            #expect(listed.standardOutput.contains("Zeppelin News"))
            #expect(DirectorySnapshot(sandbox.state) == before)
        }
    }

    @Test(.enabled(if: isRoot, "mounts a file system"))
    func aFullDiskIsSaidInPlainWords() throws {
        let sandbox = try StateSandbox()
        // Too small for the new store's schema.
        guard try sandbox.mountState(size: "64k") else { try Test.cancel("cannot mount a tmpfs on \(sandbox.state)") }
        let result = try sandbox.run(["add", Self.session])
        #expect(result.status == 1)
        #expect(
            result.standardError
                == "feedctl: \(sandbox.storePath): no space left on the device; free some and try again\n")
    }

    /// The commands that only read, which must never create a store.
    static let readingCommands: [[String]] = [
        ["list"], ["list", "--json"], ["show", "1"], ["articles"], ["articles", "--json"], ["search", "airships"],
        ["export"], ["status"], ["status", "--json", "--check"], ["digest"], ["digest", "--since", "2d"],
    ]

    @Test func readingCommandsOnAMissingStoreCreateNothing() throws {
        let sandbox = try StateSandbox(storeAt: "deeper/feedd.sqlite")
        for arguments in Self.readingCommands {
            let result = try sandbox.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.standardOutput.isEmpty, "\(arguments)")
            #expect(
                result.standardError
                    == "feedctl: no store at \(sandbox.storePath) yet: add a feed with `feedctl add URL`, or start "
                    + "feedd\n", "\(arguments)")
        }
        // A written digest is a file: asking for one needs no store.
        let written = try sandbox.run(["digest", "--date", "2026-01-01"])
        #expect(written.standardError == "feedctl: no text digest for 2026-01-01 in \(sandbox.state)/digests\n")
        #expect(!FileManager.default.fileExists(atPath: sandbox.state))
        // A writing command creates it.
        _ = try sandbox.run(["add", Self.session])
        #expect(FileManager.default.fileExists(atPath: sandbox.storePath))
    }

    @Test(
        .enabled(if: isRoot, "runs feedctl as another user"),
        .enabled(
            if: !FileManager.default.fileExists(atPath: "/etc/feedd/feedd.toml"),
            "the system configuration would name the store"))
    func aUserWithoutAConfigurationGetsNoDirectoryCreated() throws {
        let sandbox = try FeedctlSandbox()
        let home = sandbox.directory.appendingPathComponent("xdg").path
        let result = try FeedctlBinary.runAsNobody(["list"], environment: ["FEEDD_CONFIG": "", "XDG_STATE_HOME": home])
        #expect(result.status == 1)
        #expect(
            result.standardError
                == "feedctl: no store at \(home)/feedd/feedd.sqlite yet: add a feed with `feedctl add URL`, or start "
                + "feedd\n")
        #expect(!FileManager.default.fileExists(atPath: home))
    }

    @Test(.enabled(if: isRoot, "runs feedctl as another user"))
    func aUserWhoMayNotOpenTheStoreIsToldToRunFeedctlAsRoot() throws {
        let sandbox = try StateSandbox()
        _ = try sandbox.run(["add", Self.session])
        // The service's directory is closed to others.
        #expect(chmod(sandbox.state, 0o700) == 0)
        let before = DirectorySnapshot(sandbox.state)
        for arguments in [["list"], ["status", "--json"], ["add", Self.session]] {
            let result = try sandbox.run(arguments, asNobody: true)
            #expect(result.status == 1)
            let command = (["feedctl"] + sandbox.commandLine(arguments)).joined(separator: " ")
            #expect(
                result.standardError
                    == "feedctl: \(sandbox.storePath): permission denied on \(sandbox.state) (it belongs to the user "
                    + "root); run feedctl as root, e.g. sudo \(command)\n")
        }
        // The directory is open, the file is not.
        #expect(chmod(sandbox.state, 0o755) == 0)
        #expect(chmod(sandbox.storePath, 0o600) == 0)
        let result = try sandbox.run(["list"], asNobody: true)
        #expect(
            result.standardError
                == "feedctl: \(sandbox.storePath): permission denied (it belongs to the user root); run feedctl as "
                + "root, e.g. sudo feedctl list --config \(sandbox.configPath)\n")
        #expect(DirectorySnapshot(sandbox.state) == before)
    }

    /// The service's layout under `DynamicUser=`: /var/lib/feedd is a link into /var/lib/private, which only root
    /// may search; the line names that directory, not the one holding the link.
    @Test(.enabled(if: isRoot, "runs feedctl as another user"))
    func aRefusalThroughALinkNamesTheDirectoryThatRefuses() throws {
        let sandbox = try StateSandbox(storeAt: "feedd/feedd.sqlite")
        let manager = FileManager.default
        try manager.createDirectory(atPath: sandbox.state + "/private/feedd", withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: sandbox.state + "/feedd", withDestinationPath: "private/feedd")
        _ = try sandbox.run(["add", Self.session])
        #expect(manager.fileExists(atPath: sandbox.state + "/private/feedd/feedd.sqlite"))
        #expect(chmod(sandbox.state + "/private", 0o700) == 0)
        let result = try sandbox.run(["list"], asNobody: true)
        #expect(result.status == 1)
        #expect(
            result.standardError
                == "feedctl: \(sandbox.storePath): permission denied on \(sandbox.state)/private (it belongs to the "
                + "user root); run feedctl as root, e.g. sudo feedctl list --config \(sandbox.configPath)\n")
    }

    @Test(.enabled(if: isRoot, "runs feedctl as another user"))
    func aUserWhoMayOnlyReadTheStoreSeesIt() throws {
        let server = try LoopbackHTTPServer(routes: ["/feed.xml": .ok(NumberedFeed.rss("shared", items: 1...2))])
        defer { server.stop() }
        let sandbox = try StateSandbox(
            extraTOML: "[fetch]\nallow_private_addresses = true\n[[feed]]\nurl = "
                + FeedctlSandbox.tomlString(server.url("/feed.xml")) + "\n")
        let once = try sandbox.feeddOnce()
        #expect(once.status == 0, "\(once.standardError)")
        let before = DirectorySnapshot(sandbox.state)
        let listed = try sandbox.run(["articles"], asNobody: true)
        #expect(listed.status == 0, "\(listed.standardError)")
        #expect(listed.standardOutput.contains("shared story 2"), "\(listed.standardOutput)")
        // Read without a trace: no -wal, -shm or lock file.
        #expect(DirectorySnapshot(sandbox.state) == before)
        let added = try sandbox.run(["read", "--all"], asNobody: true)
        #expect(added.status == 1)
        #expect(added.standardError.contains("permission denied (it belongs to the user root); run feedctl as root"))

        // While feedd runs, the store has its -wal and -shm: a reader goes through them and sees the newest state.
        let notify = try NotifySocket()
        let service = try BackgroundProcess(
            executable: FeedctlBinary.feedd, arguments: ["--config", sandbox.configPath],
            environment: ["NOTIFY_SOCKET": notify.path])
        #expect(notify.waitFor("READY=1"), "\(service.standardError)")
        let live = try sandbox.run(["list", "--json"], asNobody: true)
        #expect(live.status == 0, "\(live.standardError)")
        #expect(live.standardOutput.contains(server.url("/feed.xml")))
        kill(service.process.processIdentifier, SIGTERM)
        #expect(service.waitForExit(seconds: 20))
    }
}
