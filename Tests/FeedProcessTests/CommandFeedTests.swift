import FeedProcess
import Foundation
import TestSupport
import Testing

/// Exec feed sources, with programs every Debian machine feedd builds on has (sh, cat, false, sleep, yes).
@Suite struct CommandFeedTests {
    private static let cap = 1024 * 1024

    private func run(
        _ command: [String],
        timeout: Duration = .seconds(10),
        maxOutputBytes: Int = cap
    ) -> Result<[UInt8], CommandFeedError> {
        CommandFeed.run(command, timeout: timeout, maxOutputBytes: maxOutputBytes)
    }

    /// Every byte value, in more than one pipe's worth (64 KiB), so the output crosses many reads.
    @Test(arguments: [0, 1, 4095, 65_536, 65_537, 300_000])
    func outputIsCapturedExactly(size: Int) throws {
        let directory = try TestDirectory(prefix: "process")
        defer { directory.remove() }
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 256) }
        let file = try directory.write("feed.bin", bytes)

        #expect(try run(["/bin/cat", file]).get() == bytes)
    }

    @Test func argumentsReachTheProgramAsTheyAre() throws {
        let argument = "$(echo injected); `id` *"
        let output = try run(["/bin/sh", "-c", #"printf '%s' "$1""#, "sh", argument]).get()
        #expect(String(decoding: output, as: UTF8.self) == argument)
    }

    @Test func standardInputIsEmpty() throws {
        // cat with no file copies its standard input: an open pipe would hang it until the timeout.
        #expect(try run(["/bin/cat"]).get() == [])
    }

    @Test func outputOfExactlyTheCapIsAccepted() throws {
        let directory = try TestDirectory(prefix: "process")
        defer { directory.remove() }
        let file = try directory.write("feed.xml", [UInt8](repeating: UInt8(ascii: "x"), count: 100_000))

        #expect(try run(["/bin/cat", file], maxOutputBytes: 100_000).get().count == 100_000)
        #expect(throws: CommandFeedError(path: "/bin/cat", reason: .outputTooLarge(limit: 99_999))) {
            try run(["/bin/cat", file], maxOutputBytes: 99_999).get()
        }
    }

    @Test func endlessOutputIsCutOffAndItsGroupKilled() throws {
        let directory = try TestDirectory(prefix: "process")
        defer { directory.remove() }
        let pidFile = directory.path("background.pid")
        let started = ContinuousClock.now
        // yes writes forever; only the cap ends it, and the kill must reach the sleeper the shell started too.
        let result = run(
            ["/bin/sh", "-c", #"sleep 30 & echo $! > "$1"; exec /usr/bin/yes feed"#, "sh", pidFile],
            timeout: .seconds(60))

        let error = try #require(result.failure)
        #expect(error.reason == .outputTooLarge(limit: Self.cap))
        #expect(error.description == "/bin/sh: output larger than 1 MiB")
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(try directory.processIsGone(pidFile: "background.pid"))
    }

    @Test func nonzeroExitIsAnErrorWithStderrsFirstLine() throws {
        let error = try #require(
            run(["/bin/sh", "-c", "echo '<rss/>'; echo; echo 'login failed' >&2; echo 'more' >&2; exit 3"]).failure)
        #expect(error.reason == .exitStatus(3, stderr: "login failed"))
        #expect(error.description == "/bin/sh: exited with status 3: login failed")
    }

    @Test func stderrLineIsCapped() throws {
        let error = try #require(run(["/bin/sh", "-c", "printf '%05000d' 0 >&2; exit 1"]).failure)
        #expect(error.reason == .exitStatus(1, stderr: String(repeating: "0", count: 200)))
    }

    @Test func exitWithoutStderrNamesTheStatusAlone() throws {
        let error = try #require(run(["/bin/false"]).failure)
        #expect(error.description == "/bin/false: exited with status 1")
    }

    @Test func deathBySignalIsAnError() throws {
        let error = try #require(run(["/bin/sh", "-c", "echo dying >&2; kill -9 $$"]).failure)
        #expect(error.reason == .signal(9, stderr: "dying"))
        #expect(error.description == "/bin/sh: killed by signal 9: dying")
    }

    @Test func timeoutKillsTheCommandWithWhatItStarted() throws {
        let directory = try TestDirectory(prefix: "process")
        defer { directory.remove() }
        let pidFile = directory.path("background.pid")
        let started = ContinuousClock.now
        // The background sleep holds the output pipe too: the kill must reach the whole process group.
        let result = run(
            ["/bin/sh", "-c", #"sleep 30 & echo $! > "$1"; sleep 30"#, "sh", pidFile], timeout: .seconds(1))

        let error = try #require(result.failure)
        #expect(error.reason == .timedOut(.seconds(1)))
        #expect(error.description == "/bin/sh: timed out after 1 s")
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(try directory.processIsGone(pidFile: "background.pid"))
    }

    @Test func missingProgramIsNotFound() throws {
        let error = try #require(run(["/nonexistent/feedd-feed-tool", "--flag"]).failure)
        #expect(error.description == "/nonexistent/feedd-feed-tool: not found")
    }

    @Test func fileWithoutExecutePermissionIsNotExecutable() throws {
        let directory = try TestDirectory(prefix: "process")
        defer { directory.remove() }
        let script = try directory.write("feed.sh", Array("#!/bin/sh\necho '<rss/>'\n".utf8), permissions: 0o644)

        let error = try #require(run([script]).failure)
        #expect(error.reason == .notExecutable("Permission denied"))
        #expect(error.description == "\(script): not executable (Permission denied)")
    }

    @Test func directoryIsNotExecutable() throws {
        let error = try #require(run(["/tmp"]).failure)
        #expect(error.reason == .notExecutable("Permission denied"))
    }

    @Test(arguments: ["sh", "./feed.sh", "bin/feed", "~/feed.sh"])
    func relativePathIsRefused(program: String) throws {
        let error = try #require(run([program, "-c", "true"]).failure)
        #expect(error.description == "\(program): not an absolute path")
    }

    @Test func emptyCommandAndNULAreRefused() throws {
        #expect(run([]).failure?.description == "empty command")
        #expect(run([""]).failure?.description == "empty command")
        #expect(run(["/bin/echo", "a\u{0}b"]).failure?.description == "/bin/echo: NUL byte in the command")
    }
}

extension Result {
    /// The error, or nil on success.
    fileprivate var failure: Failure? {
        if case .failure(let error) = self {
            return error
        }
        return nil
    }
}
