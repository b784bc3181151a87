import Foundation

/// A whole run: replays the regression corpus, then runs batches of mutated inputs in child processes until the
/// time is up, saving each new finding to `Fuzzing/Regressions/<target>/` and printing the figures at the end.
///
/// When a child dies, the input it was running (its progress file says which) is run again alone in a new child
/// to confirm it before it is saved; the batch then goes on after it.
struct FuzzRunner {
    var root: String
    var seed: UInt64
    var duration: Duration
    var batchSize: Int
    var launcher: FuzzChildLauncher

    /// Where a child's inputs come from, and how it is told.
    private enum Source {
        case regressions
        case batch(Int)

        var arguments: [String] {
            switch self {
            case .regressions: return ["--replay"]
            case .batch(let batch): return ["--batch", String(batch)]
            }
        }
    }

    private var executions = 0
    private var failures: [String] = []

    init(root: String, seed: UInt64, duration: Duration, batchSize: Int, launcher: FuzzChildLauncher) {
        self.root = root
        self.seed = seed
        self.duration = duration
        self.batchSize = batchSize
        self.launcher = launcher
    }

    /// Runs, prints the figures, and returns whether anything failed.
    mutating func run() throws -> Bool {
        let corpus = try FuzzCorpus(root: root)
        let campaign = FuzzCampaign(corpus: corpus, seed: seed)
        let seedCount = corpus.allSeeds.count - corpus.regressions.count
        print(
            "feedd-fuzz: seed \(seed), \(seedCount) seeds, \(corpus.regressions.count) regression inputs, \(duration)")

        let start = ContinuousClock.now
        try runRange(.regressions, 0..<corpus.regressions.count, corpus: corpus, campaign: campaign, deadline: nil)
        let replayed = executions
        let deadline = start + duration
        var batch = 0
        while ContinuousClock.now < deadline {
            try runRange(.batch(batch), 0..<batchSize, corpus: corpus, campaign: campaign, deadline: deadline)
            batch += 1
        }
        let seconds = Double((ContinuousClock.now - start).components.seconds) + 1e-9
        let rate = Double(executions) / max(seconds, 1)
        print(
            """
            feedd-fuzz: \(executions) executions (\(replayed) regression replays) in \(Int(seconds)) s, \
            \(String(format: "%.0f", rate)) executions/s, corpus \(seedCount) seeds + \(corpus.regressions.count) \
            regressions, \(failures.count) findings
            """)
        for failure in failures {
            print("FAILED \(failure)")
        }
        return !failures.isEmpty
    }

    /// Runs inputs `range` of `source` in children until all have run or `deadline` passes.
    private mutating func runRange(
        _ source: Source, _ range: Range<Int>, corpus: FuzzCorpus, campaign: FuzzCampaign,
        deadline: ContinuousClock.Instant?
    ) throws {
        var first = range.lowerBound
        while first < range.upperBound {
            var arguments = source.arguments + ["--first", String(first), "--end", String(range.upperBound)]
            if let deadline {
                let left = deadline - ContinuousClock.now
                guard left > .zero else { return }
                arguments += [
                    "--milliseconds",
                    String(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000),
                ]
            }
            switch try launcher.run(arguments) {
            case .finished(let last):
                executions += (last ?? first - 1) - first + 1
                return
            case .finding(let index, let finding):
                executions += index - first + 1
                try record(finding, source: source, index: index, corpus: corpus, campaign: campaign)
                first = index + 1
            case .died(let index?, let finding):
                executions += index - first + 1
                // Confirm alone: a crash that needs earlier inputs' state is still saved, but says so.
                var confirmed = finding
                switch try launcher.run(source.arguments + ["--first", String(index), "--end", String(index + 1)]) {
                case .died(_, let again), .finding(_, let again): confirmed = again
                case .finished: confirmed.detail += " (did not recur when run alone)"
                }
                try record(confirmed, source: source, index: index, corpus: corpus, campaign: campaign)
                first = index + 1
            case .died(nil, let finding):
                throw FuzzError("a child died before its first input: \(finding)")
            }
        }
    }

    /// Saves a new finding to the regression corpus, or names the regression input that fails again.
    private mutating func record(
        _ finding: FuzzFinding, source: Source, index: Int, corpus: FuzzCorpus, campaign: FuzzCampaign
    ) throws {
        switch source {
        case .regressions:
            let input = corpus.regressions[index]
            failures.append("\(input.path): \(finding)")
            print("feedd-fuzz: regression \(input.path) fails: \(finding)")
        case .batch(let batch):
            let input = campaign.input(batch: batch, index: index)
            let path = try save(input, check: finding.check)
            failures.append("\(path): \(finding)")
            print(
                "feedd-fuzz: \(finding.check.rawValue) in \(input.target.rawValue) target, saved \(path) (\(input.path)): \(finding.detail)"
            )
        }
    }

    /// Writes `input` under `Fuzzing/Regressions/<target>/`, named by its check and a hash of its bytes.
    private func save(_ input: FuzzSeed, check: FuzzCheck) throws -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in input.bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        let folder = "\(FuzzCorpus.regressionFolder)/\(input.target.rawValue)"
        let hex = String(hash, radix: 16)
        let name =
            "\(check.rawValue)-\(String(repeating: "0", count: 16 - hex.count))\(hex).\(input.target.fileExtension)"
        try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: "\(root)/\(folder)/\(name)", contents: Data(input.bytes)) else {
            throw FuzzError("cannot write \(folder)/\(name)")
        }
        return "\(folder)/\(name)"
    }
}
