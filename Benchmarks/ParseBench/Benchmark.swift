import Foundation

/// Times the tools on each case: warm-up runs, then timed runs with the tools interleaved.
///
/// Interleaving (xmllint, feedctl, baseline, xmllint, …) spreads drift from other load on the box over every
/// tool, so the ratios stay fair even when the absolute numbers move.
struct Benchmark: Sendable {
    let corpus: Corpus
    let runner: Runner
    let runs: Int
    let warmup: Int
    /// Resolved executable of each tool; a tool missing here is reported with `skipped[tool]`.
    let executables: [Tool: String]
    /// Why a tool is not timed at all (missing, or its output check failed).
    let skipped: [Tool: String]
    /// Scratch file for the tools' stderr, quoted when a run fails.
    let stderrPath: String

    func measure(_ benchCase: BenchCase) -> CaseResult {
        let files = files(for: benchCase)
        let bytes = files.reduce(0) { $0 + $1.bytes }
        let invocationFiles: [[String]] =
            benchCase == .perfile ? files.map { [$0.path] } : [files.map(\.path)]

        var results: [ToolResult] = []
        var commands: [Tool: [[String]]] = [:]
        // The baseline only when one was given.
        for tool in Tool.allCases where tool != .baseline || executables[.baseline] != nil {
            let path = executables[tool] ?? tool.rawValue
            commands[tool] = invocationFiles.map { tool.arguments(path: path, files: $0) }
            let shown = describe(tool.arguments(path: path, files: []), files: files.map(\.path), case: benchCase)
            results.append(ToolResult(tool: tool, command: shown, bytes: bytes, failure: skipped[tool]))
        }

        let size = "\(files.count) file(s), \(Self.megabytes(bytes)) MB"
        progress("[\(benchCase.rawValue)] \(size), \(warmup) warm-up + \(runs) timed runs per tool")
        for pass in 0..<(warmup + runs) {
            let timed = pass >= warmup
            for index in results.indices where results[index].failure == nil {
                let tool = results[index].tool
                do {
                    let measurement = try runOnce(commands[tool] ?? [])
                    if timed {
                        results[index].runs.append(measurement)
                        let figures = String(
                            format: "%.3f s wall, %.3f s CPU, %.1f MB peak RSS",
                            measurement.wallSeconds, measurement.cpuSeconds,
                            Double(measurement.maxRSSKiB) / 1024)
                        progress("  \(tool.rawValue) run \(pass - warmup + 1): \(figures)")
                    }
                } catch {
                    results[index].failure = error.description
                    progress("  \(tool.rawValue) FAILED: \(error.description)")
                }
            }
        }
        return CaseResult(
            benchCase: benchCase, files: files.count, bytes: bytes,
            processesPerRun: invocationFiles.count, tools: results)
    }

    private func files(for benchCase: BenchCase) -> [(path: String, bytes: Int)] {
        switch benchCase {
        case .big: return [(corpus.bigPath, corpus.bigBytes)]
        case .corpus: return corpus.feeds
        case .perfile: return corpus.sample(BenchCase.perfileSampleSize)
        }
    }

    /// Runs every process of one timed run in turn; the first failing process fails the run.
    private func runOnce(_ invocations: [[String]]) throws(BenchError) -> Measurement {
        var measurement = Measurement()
        for arguments in invocations {
            let sample = try runner.run(arguments, stdout: .file("/dev/null"), stderr: .file(stderrPath))
            guard sample.termination.succeeded else {
                let shown =
                    arguments.count > 6
                    ? arguments.prefix(4).joined(separator: " ") + " …" : arguments.joined(separator: " ")
                throw .toolFailed(command: shown, termination: sample.termination, stderr: firstLine(of: stderrPath))
            }
            measurement.add(sample)
        }
        return measurement
    }

    private func describe(_ prefix: [String], files: [String], case benchCase: BenchCase) -> String {
        let head = prefix.joined(separator: " ")
        switch benchCase {
        case .big: return "\(head) \(files.first ?? "") > /dev/null"
        case .corpus: return "\(head) <\(files.count) files> > /dev/null"
        case .perfile: return "\(head) FILE > /dev/null, once per file (\(files.count))"
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / 1e6)
    }
}
