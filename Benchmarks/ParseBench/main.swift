// feedd-parse-bench (target ParseBench): times `feedctl parse --json` beside `xmllint --stream --noout` on the
// corpus of ../shared/bench/gen_corpus.py. See Benchmarks/README.md.
// Exits 0 when every tool ran cleanly (however slow), 1 when a tool failed or is missing, 2 on a usage error.
import Foundation
import Glibc

/// Runs the whole benchmark and returns the process exit status.
func runBenchmark(_ options: Options) -> Int32 {
    let runner = Runner()
    let scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("parsebench-\(getpid())").path
    let stderrPath = scratch + ".stderr"
    defer { unlink(stderrPath) }
    do {
        let xmllint = try runner.resolve("xmllint", hint: "apt-get install libxml2-utils")
        let corpus = try Corpus.open(options.corpus, shared: options.shared, runner: runner)
        let rssFloorMB = runner.spawnFloorKiB().map { Double($0) / 1024 }
        let loadBefore = Report.loadAverage()

        var executables: [Tool: String] = [.xmllint: xmllint]
        var skipped: [Tool: String] = [:]
        let check: Report.Check
        do {
            let feedctl = try runner.resolve(
                options.feedctl, hint: "build it with `swift build -c release --product feedctl`, or pass --feedctl")
            executables[.feedctl] = feedctl
            progress("checking feedctl parse --json on big.xml (untimed)")
            let entries = try OutputCheck(feedctl: feedctl, corpus: corpus, runner: runner, scratch: scratch).run()
            check = Report.Check(ok: true, entries: entries, expected: corpus.bigItems, message: nil)
        } catch {
            progress("feedctl check FAILED: \(error)")
            skipped[.feedctl] = "not timed: the feedctl check failed"
            check = Report.Check(ok: false, entries: nil, expected: corpus.bigItems, message: error.description)
        }
        if let baseline = options.baseline {
            executables[.baseline] = try runner.resolve(baseline, hint: "pass an existing feedctl to --baseline")
        }

        let benchmark = Benchmark(
            corpus: corpus, runner: runner, runs: options.runs, warmup: options.warmup,
            executables: executables, skipped: skipped, stderrPath: stderrPath)
        let results = options.cases.map(benchmark.measure)
        let report = Report(
            corpus: corpus.directory, xmllint: xmllint, feedctl: executables[.feedctl] ?? options.feedctl,
            baseline: executables[.baseline],
            runs: options.runs, warmup: options.warmup, check: check, loadBefore: loadBefore,
            loadAfter: Report.loadAverage(), rssFloorMB: rssFloorMB, cases: results)
        print(options.json ? try report.json() : report.text())
        return report.succeeded ? 0 : 1
    } catch {
        progress("feedd-parse-bench: \(error)")
        return 1
    }
}

/// Dispatches on the command line and returns the process exit status.
func main(_ arguments: [String]) -> Int32 {
    if arguments.count == 2, arguments[0] == OutputCheck.countEntriesFlag {
        return OutputCheck.countEntriesMain(arguments[1])
    }
    do {
        let options = try Options(arguments: arguments, packageRoot: Options.packageRoot())
        if options.help {
            print(Options.usage)
            return 0
        }
        return runBenchmark(options)
    } catch {
        progress("feedd-parse-bench: \(error)\n\(Options.usage)")
        return 2
    }
}

exit(main(Array(CommandLine.arguments.dropFirst())))
