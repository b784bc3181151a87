import Foundation

/// A whole run: replays the regression corpus, then runs batches of mutated inputs in child processes until the
/// time is up, and prints the figures.
///
/// When a child dies, the input it was running (its progress file says which) is run again alone in a new child
/// to confirm it; the batch then goes on after it. Each new kind of failure (`FuzzFinding.signature`) is shrunk
/// and saved to `Fuzzing/Regressions/<target>/` once the run is over: the children read the corpus too, and must
/// all see the one the run started with to make the same inputs. A failure already seen (in this run, or as a
/// failing regression) is counted but not saved again.
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

    /// A new failure found by mutation, saved when the run ends.
    private struct NewFinding {
        var input: FuzzSeed
        var finding: FuzzFinding
    }

    private var executions = 0
    private var failingInputs = 0
    private var failures: [String] = []
    private var newFindings: [NewFinding] = []
    private var seenSignatures: Set<String> = []

    init(root: String, seed: UInt64, duration: Duration, batchSize: Int, launcher: FuzzChildLauncher) {
        self.root = root
        self.seed = seed
        self.duration = duration
        self.batchSize = batchSize
        self.launcher = launcher
    }

    /// Runs, saves new findings, prints the figures, and returns whether anything failed.
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
        let elapsed = ContinuousClock.now - start
        for new in newFindings {
            let input = try shrink(new.input, failing: new.finding)
            let path = try save(input, check: new.finding.check)
            failures.append("\(path): \(new.finding)")
            print("feedd-fuzz: saved \(path) (\(input.bytes.count) bytes)")
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        print(
            """
            feedd-fuzz: \(executions) executions (\(replayed) regression replays) in \(Int(seconds)) s, \
            \(Int(Double(executions) / max(seconds, 1))) executions/s; corpus \(seedCount) seeds + \
            \(corpus.regressions.count) regressions; \(failures.count) findings (\(failingInputs) failing inputs)
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
                let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
                arguments += ["--milliseconds", String(milliseconds)]
            }
            switch try launcher.run(arguments) {
            case .finished(let last):
                executions += (last ?? first - 1) - first + 1
                return
            case .finding(let index, let finding):
                executions += index - first + 1
                record(finding, source: source, index: index, corpus: corpus, campaign: campaign)
                first = index + 1
            case .died(let index?, let finding):
                executions += index - first + 1
                // Confirm alone: a crash that needs earlier inputs' state is still kept, but says so.
                var confirmed = finding
                switch try launcher.run(source.arguments + ["--first", String(index), "--end", String(index + 1)]) {
                case .died(_, let again), .finding(_, let again): confirmed = again
                case .finished: confirmed.detail += " (did not recur when run alone)"
                }
                record(confirmed, source: source, index: index, corpus: corpus, campaign: campaign)
                first = index + 1
            case .died(nil, let finding):
                throw FuzzError("a child died before its first input: \(finding)")
            }
        }
    }

    /// Reports a failing regression input, or keeps a new kind of failure for saving.
    private mutating func record(
        _ finding: FuzzFinding, source: Source, index: Int, corpus: FuzzCorpus, campaign: FuzzCampaign
    ) {
        failingInputs += 1
        switch source {
        case .regressions:
            let input = corpus.regressions[index]
            seenSignatures.insert(finding.signature(target: input.target))
            failures.append("\(input.path): \(finding)")
            print("feedd-fuzz: regression \(input.path) fails: \(finding)")
        case .batch(let batch):
            let input = campaign.input(batch: batch, index: index)
            guard seenSignatures.insert(finding.signature(target: input.target)).inserted else { return }
            newFindings.append(NewFinding(input: input, finding: finding))
            print(
                "feedd-fuzz: \(finding.check.rawValue) in the \(input.target.rawValue) target (\(input.path)): \(finding.detail)"
            )
        }
    }

    /// A smaller input that fails the same way: chunks of halving size are cut while the failure stays. Crashes
    /// and unsafe output only (a hang or slow input costs seconds per try), and at most a few hundred tries.
    private func shrink(_ input: FuzzSeed, failing finding: FuzzFinding) throws -> FuzzSeed {
        guard finding.check == .crash || finding.check == .unsafeOutput else { return input }
        let signature = finding.signature(target: input.target)
        let candidatePath = launcher.workDirectory + "/candidate"
        var bytes = input.bytes
        var tries = 0
        var chunk = max(1, bytes.count / 2)
        while chunk >= 1 && tries < 400 {
            var offset = 0
            while offset < bytes.count && tries < 400 {
                var candidate = bytes
                candidate.removeSubrange(offset..<min(bytes.count, offset + chunk))
                tries += 1
                guard FileManager.default.createFile(atPath: candidatePath, contents: Data(candidate)) else {
                    throw FuzzError("cannot write \(candidatePath)")
                }
                let outcome = try launcher.run(["--input-file", candidatePath, "--target", input.target.rawValue])
                switch outcome {
                case .finding(_, let again) where again.signature(target: input.target) == signature,
                    .died(_, let again) where again.signature(target: input.target) == signature:
                    bytes = candidate
                default:
                    offset += chunk
                }
            }
            if chunk == 1 { break }
            chunk /= 2
        }
        var shrunk = input
        shrunk.bytes = bytes
        return shrunk
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
