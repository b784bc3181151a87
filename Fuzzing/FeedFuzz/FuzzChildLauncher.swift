import Foundation

/// Starts this executable as a `FuzzChild` and watches it until it ends.
///
/// The child's stderr goes to a file, whose last lines explain a crash. Swift's backtracer is turned off in the
/// child: it would take seconds per crash and, being a separate process, can outlive the child.
struct FuzzChildLauncher {
    var executable: String
    var workDirectory: String
    var limits: FuzzLimits

    var progressPath: String { workDirectory + "/progress" }
    var reportPath: String { workDirectory + "/report" }
    var stderrPath: String { workDirectory + "/stderr" }

    /// Runs a child with `arguments` (which say which inputs) and reads how it ended.
    func run(_ arguments: [String]) throws -> FuzzChildOutcome {
        for path in [progressPath, reportPath] { try? FileManager.default.removeItem(atPath: path) }
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments =
            arguments + [
                "--progress", progressPath, "--report", reportPath, "--slow-seconds", String(limits.slowSeconds),
                "--hang-seconds", String(limits.hangSeconds), "--memory-mib", String(limits.residentBytes >> 20),
            ]
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()

        // A backstop behind the child's own alarm: an input whose number has not changed for well over the hang
        // limit is killed from here.
        var lastProgress: Int?
        var lastChange = ContinuousClock.now
        var killed = false
        while process.isRunning {
            usleep(20_000)
            let progress = readProgress()
            if progress != lastProgress {
                lastProgress = progress
                lastChange = .now
            } else if !killed && ContinuousClock.now - lastChange > .seconds(limits.hangSeconds * 2 + 5) {
                kill(process.processIdentifier, SIGKILL)
                killed = true
            }
        }
        let index = readProgress()
        if process.terminationReason == .uncaughtSignal {
            let signal = process.terminationStatus
            if signal == SIGALRM || killed {
                return .died(
                    index: index, FuzzFinding(check: .hang, detail: "still running after \(limits.hangSeconds) s"))
            }
            let name = strsignal(signal).map { String(cString: $0) } ?? "signal \(signal)"
            return .died(index: index, FuzzFinding(check: .crash, detail: "\(name)\(stderrSummary())"))
        }
        switch process.terminationStatus {
        case 0:
            return .finished(last: index)
        case FuzzChild.findingStatus:
            let line = (try? String(contentsOfFile: reportPath, encoding: .utf8)) ?? ""
            let fields = line.trimmingCharacters(in: .newlines).split(separator: "\t", maxSplits: 2).map(String.init)
            guard fields.count == 3, let reported = Int(fields[0]), let check = FuzzCheck(rawValue: fields[1]) else {
                throw FuzzError("the child's report is unreadable: \(line)")
            }
            return .finding(index: reported, FuzzFinding(check: check, detail: fields[2]))
        case let status:
            guard index != nil else {
                throw FuzzError("the child failed before its first input (status \(status))\(stderrSummary())")
            }
            return .died(index: index, FuzzFinding(check: .crash, detail: "exit status \(status)\(stderrSummary())"))
        }
    }

    /// The number of the input the child started last, if it started one.
    private func readProgress() -> Int? {
        guard let text = try? String(contentsOfFile: progressPath, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespaces))
    }

    /// The line of the child's stderr that says why it stopped (Swift's "Fatal error: ..." of a trap), else its first.
    private func stderrSummary() -> String {
        let text = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let reasons = ["Fatal error", "Precondition failed", "Assertion failed", "Sanitizer", "error:"]
        let line = lines.first { line in reasons.contains { line.contains($0) } } ?? lines.first
        return line.map { ": " + $0.prefix(300) } ?? ""
    }
}
