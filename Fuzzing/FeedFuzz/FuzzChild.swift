import Foundation

/// The part of a run that executes inputs: a child process the runner starts, so that an input which crashes or
/// hangs takes down only the child.
///
/// Before each input it writes the input's number to the progress file (so the runner knows which one killed it)
/// and arms `alarm(2)` with the hang limit (so a hang ends in SIGALRM). After each input it checks the time taken
/// and the peak resident memory. The first finding is written to the report file as `index<TAB>check<TAB>detail`
/// and ends the child with status `FuzzChild.findingStatus`.
struct FuzzChild {
    static let findingStatus: Int32 = 3

    var inputs: (Int) -> FuzzSeed
    var range: Range<Int>
    /// When to stop starting inputs, if the run's time ends first.
    var deadline: ContinuousClock.Instant?
    var progressPath: String
    var reportPath: String
    var limits: FuzzLimits

    func run() throws -> Never {
        var limit = rlimit(rlim_cur: rlim_t(limits.addressSpaceBytes), rlim_max: rlim_t(limits.addressSpaceBytes))
        setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
        let progress = open(progressPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard progress >= 0 else { throw FuzzError("cannot open \(progressPath): errno \(errno)") }
        for index in range {
            if let deadline, ContinuousClock.now >= deadline { break }
            let input = inputs(index)
            var number = Array(String(index).utf8) + Array(repeating: UInt8(ascii: " "), count: 4)
            number.withUnsafeMutableBytes { _ = pwrite(progress, $0.baseAddress, $0.count, 0) }
            alarm(UInt32(limits.hangSeconds))
            let start = ContinuousClock.now
            let finding = input.target.run(input.bytes)
            let elapsed = ContinuousClock.now - start
            alarm(0)
            if let finding {
                report(index, finding)
            }
            let peak = Self.peakResidentBytes()
            if peak > limits.residentBytes {
                report(
                    index,
                    FuzzFinding(
                        check: .memory,
                        detail: "peak resident memory \(peak >> 20) MiB, over \(limits.residentBytes >> 20) MiB"))
            }
            if elapsed > .seconds(limits.slowSeconds) {
                report(index, FuzzFinding(check: .slow, detail: "took \(elapsed), over \(limits.slowSeconds) s"))
            }
        }
        exit(0)
    }

    private func report(_ index: Int, _ finding: FuzzFinding) -> Never {
        let line = "\(index)\t\(finding.check.rawValue)\t\(finding.detail)\n"
        _ = FileManager.default.createFile(atPath: reportPath, contents: Data(line.utf8))
        exit(Self.findingStatus)
    }

    /// The process's peak resident set: memory is checked after each input, and the peak also counts what an input
    /// allocated and freed again.
    private static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}
