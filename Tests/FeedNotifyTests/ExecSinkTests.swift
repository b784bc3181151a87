import Foundation
import Synchronization
import TestSupport
import Testing

@testable import FeedNotify

#if canImport(Glibc)
    import Glibc
#endif

/// The thread whose SIGPIPEs `pipeSignalsOnThread` counts.
private let pipeSignalThread = Atomic<UInt>(0)
private let pipeSignalsOnThread = Atomic<Int>(0)

/// The exec sink, with commands that exist on every Debian machine feedd builds on (sh, sleep, python3).
///
/// Serialized: two tests set the process's SIGPIPE disposition.
@Suite(.serialized) struct ExecSinkTests {
    private let json = Array(#"{"event":"new_articles","count":1}"#.utf8)

    private func deliver(
        _ command: [String],
        json: [UInt8]? = nil,
        timeout: Duration = .seconds(10),
        name: String = "script"
    ) throws(NotificationError) {
        let sender = NotificationSender(userAgent: "feedd-test/1", timeout: timeout)
        let message = NotificationMessage(json: json ?? self.json, title: "t", text: "x")
        try sender.deliver(message, to: NotificationSink(name: name, kind: .exec(command: command)))
    }

    @Test func commandReceivesExactlyTheJSON() throws {
        let directory = try TestDirectory(prefix: "notify")
        defer { directory.remove() }
        let output = directory.path("received.json")

        try deliver([
            "/usr/bin/python3", "-c", "import sys; open(sys.argv[1],'wb').write(sys.stdin.buffer.read())", output,
        ])

        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == Data(json))
    }

    @Test func argumentsAreNotInterpretedByAShell() throws {
        let directory = try TestDirectory(prefix: "notify")
        defer { directory.remove() }
        let output = directory.path("argument.txt")
        let argument = "$(echo injected); `id` > /dev/null"

        try deliver([
            "/usr/bin/python3", "-c", "import sys; open(sys.argv[1],'w').write(sys.argv[2])", output, argument,
        ])

        #expect(try String(contentsOfFile: output, encoding: .utf8) == argument)
    }

    @Test func nonzeroExitIsAnErrorWithStderrsFirstLine() {
        let error = #expect(throws: NotificationError.self) {
            try deliver(["/bin/sh", "-c", "echo; echo 'first problem' >&2; echo 'second' >&2; exit 3"])
        }
        #expect(error?.reason == .exitStatus(3, stderr: "first problem"))
        #expect(error?.description == "exec \"script\" (/bin/sh): exited with status 3: first problem")
    }

    @Test func stderrLineIsCapped() {
        let error = #expect(throws: NotificationError.self) {
            try deliver(["/usr/bin/python3", "-c", "import sys; sys.stderr.write('x' * 5000); sys.exit(1)"])
        }
        #expect(error?.reason == .exitStatus(1, stderr: String(repeating: "x", count: 200)))
    }

    @Test func commandIsKilledAtTheTimeoutWithWhatItStarted() throws {
        let directory = try TestDirectory(prefix: "notify")
        defer { directory.remove() }
        let pidFile = directory.path("background.pid")
        let started = ContinuousClock.now
        let error = #expect(throws: NotificationError.self) {
            // The shell's background child holds the pipes too: the kill must reach the whole process group.
            try deliver(
                ["/bin/sh", "-c", #"sleep 30 & echo $! > "$1"; sleep 30"#, "sh", pidFile], timeout: .seconds(1))
        }
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(error?.reason == .timedOut(.seconds(1)))
        #expect(error?.description == "exec \"script\" (/bin/sh): killed after the 1 s timeout")

        // The background sleep is gone, or a zombie until whoever adopted it reaps it.
        let pid = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        var state: String?
        for _ in 0..<100 {
            state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?
                .split(separator: ")").last?.split(separator: " ").first.map(String.init)
            if state == nil || state == "Z" {
                break
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(state == nil || state == "Z")
    }

    @Test func commandThatNeverReadsItsInputDoesNotHangOrKillUs() throws {
        let big =
            Array(#"{"pad":""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 1024 * 1024)
            + Array(#""}"#.utf8)
        // The sender must not depend on feedd ignoring SIGPIPE: with it at its default, a write to the closed pipe
        // would end the process. A handler stands in for the default, counting the signals this thread gets, so a
        // failure fails the test rather than the whole run.
        pipeSignalThread.store(UInt(pthread_self()), ordering: .sequentiallyConsistent)
        pipeSignalsOnThread.store(0, ordering: .sequentiallyConsistent)
        let previous = signal(SIGPIPE) { _ in
            if UInt(pthread_self()) == pipeSignalThread.load(ordering: .sequentiallyConsistent) {
                pipeSignalsOnThread.add(1, ordering: .sequentiallyConsistent)
            }
        }
        defer { signal(SIGPIPE, previous) }

        let started = ContinuousClock.now
        try deliver(["/bin/sh", "-c", "sleep 0.2; exit 0"], json: big)
        let error = #expect(throws: NotificationError.self) {
            try deliver(["/bin/sh", "-c", "exit 4"], json: big)
        }
        #expect(error?.reason == .exitStatus(4, stderr: ""))
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(pipeSignalsOnThread.load(ordering: .sequentiallyConsistent) == 0)
    }

    @Test func missingExecutableIsAnError() {
        let error = #expect(throws: NotificationError.self) {
            try deliver(["/nonexistent/feedd-notify-tool", "--flag"])
        }
        #expect(error?.description == "exec \"script\": /nonexistent/feedd-notify-tool: No such file or directory")
    }

    @Test func emptyCommandIsAnError() {
        let error = #expect(throws: NotificationError.self) { try deliver([]) }
        #expect(error?.description == "exec \"script\": empty command")
    }

    @Test func childGetsNoOtherDescriptorsNoIgnoredSIGPIPEAndItsOwnGroup() throws {
        let directory = try TestDirectory(prefix: "notify")
        defer { directory.remove() }
        // An inheritable descriptor of ours must not reach the child; a high one, apart from any the shell uses
        // itself (dash keeps one at 10).
        let devNull = open("/dev/null", O_RDONLY)
        let leaked = Int(fcntl(devNull, F_DUPFD, 200))
        close(devNull)
        defer { close(Int32(leaked)) }
        try #require(leaked >= 200)
        // As feedd has it; a child must not inherit that.
        signal(SIGPIPE, SIG_IGN)

        // cp copies its own status, as exec'd: it changes no signal mask or disposition (a shell would).
        let statusCopy = directory.path("status.txt")
        try deliver(["/bin/cp", "/proc/self/status", statusCopy])
        // ls lists the shell's descriptors; its redirection happens in its own process, so the shell has none
        // open for it. Then the PATH the shell inherited.
        let shellState = directory.path("shell.txt")
        try deliver([
            "/bin/sh", "-c", #"ls /proc/$$/fd > "$1.fds"; echo "PATH=$PATH" > "$1""#, "sh", shellState,
        ])

        var fields: [String: String] = [:]
        for line in try String(contentsOfFile: statusCopy, encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 {
                fields[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        #expect(fields["Pid"] != nil && fields["NSpgid"] == fields["Pid"])
        #expect(fields["SigBlk"] == "0000000000000000")
        let ignored = try #require(fields["SigIgn"].flatMap { UInt64($0, radix: 16) })
        #expect(ignored & (1 << (UInt64(SIGPIPE) - 1)) == 0)

        let descriptors = try String(contentsOfFile: shellState + ".fds", encoding: .utf8)
            .split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        #expect(descriptors.filter { $0 <= 2 }.sorted() == [0, 1, 2])
        #expect(!descriptors.contains(leaked))
        #expect(descriptors.allSatisfy { $0 < 100 })
        let path = try String(contentsOfFile: shellState, encoding: .utf8)
        #expect(path == "PATH=" + (ProcessInfo.processInfo.environment["PATH"] ?? "") + "\n")
    }
}
