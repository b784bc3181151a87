internal import ArgumentParser
import Foundation

/// `feedd-fuzz`: a time-bounded fuzzer of feedd's readers of hostile input (feeds, the HTML sanitizer, OPML, the
/// configuration), run by `make fuzz` and `make test`. See Fuzzing/README.md.
@main
struct FeedFuzz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedd-fuzz",
        abstract: "Fuzz feedd's feed parser, HTML sanitizer, OPML reader and configuration reader.",
        discussion: """
            Replays Fuzzing/Regressions, then mutates the seed corpus in child processes until the time is up. \
            New findings are saved to Fuzzing/Regressions/<target>/; the exit status is 1 when anything failed.
            """)

    @Option(help: "The repository whose fixtures and Fuzzing/ folder are the corpus.")
    var root = "."

    @Option(help: "How long to fuzz after the replay, in seconds.")
    var seconds = 60

    @Option(help: "The run's seed: the same seed and corpus make the same inputs.")
    var seed: UInt64 = 14

    @Option(help: "Inputs per child process.")
    var batchSize = 2000

    @Option(help: "An input that takes longer than this (seconds) is a finding.")
    var slowSeconds = 2

    @Option(help: "An input still running after this (seconds) is killed and a finding.")
    var hangSeconds = 10

    @Option(help: "Peak resident memory over this (MiB) is a finding.")
    var memoryMib = 512

    // The child's side: which inputs to run and where to say how it went. Set by the runner only.
    @Flag(help: .hidden) var replay = false
    @Option(help: .hidden) var batch: Int?
    @Option(help: .hidden) var first = 0
    @Option(help: .hidden) var end = 0
    @Option(help: .hidden) var milliseconds: Int?
    @Option(help: .hidden) var inputFile: String?
    @Option(help: .hidden) var target: String?
    @Option(help: .hidden) var progress: String?
    @Option(help: .hidden) var report: String?

    func run() throws {
        let limits = FuzzLimits(slowSeconds: slowSeconds, hangSeconds: hangSeconds, residentBytes: memoryMib << 20)
        if let progress, let report {
            try runChild(limits: limits, progressPath: progress, reportPath: report)
        }
        let workDirectory = root + "/.build/fuzz"
        try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
        let launcher = FuzzChildLauncher(
            executable: try Self.executablePath(), workDirectory: workDirectory, limits: limits)
        var runner = FuzzRunner(
            root: root, seed: seed, duration: .seconds(seconds), batchSize: batchSize, launcher: launcher)
        if try runner.run() {
            throw ExitCode(1)
        }
    }

    private func runChild(limits: FuzzLimits, progressPath: String, reportPath: String) throws -> Never {
        let inputs: (Int) -> FuzzSeed
        var range = first..<max(first, end)
        if let inputFile, let target = target.flatMap(FuzzTarget.init(rawValue:)) {
            // One file as one target's input: how a finding is shrunk.
            guard let data = FileManager.default.contents(atPath: inputFile) else {
                throw ValidationError("cannot read \(inputFile)")
            }
            inputs = { _ in FuzzSeed(target: target, path: inputFile, bytes: Array(data)) }
            range = 0..<1
        } else if replay {
            let corpus = try FuzzCorpus(root: root)
            inputs = { corpus.regressions[$0] }
        } else if let batch {
            let corpus = try FuzzCorpus(root: root)
            let campaign = FuzzCampaign(corpus: corpus, seed: seed)
            inputs = { campaign.input(batch: batch, index: $0) }
        } else {
            throw ValidationError("a child needs --replay or --batch")
        }
        let child = FuzzChild(
            inputs: inputs, range: range,
            deadline: milliseconds.map { ContinuousClock.now + .milliseconds($0) }, progressPath: progressPath,
            reportPath: reportPath, limits: limits)
        try child.run()
    }

    /// This executable, to start children of: /proc/self/exe, since argv[0] may be a bare name found on PATH.
    private static func executablePath() throws -> String {
        let path = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        return path
    }
}
