import Foundation

/// The benchmark's command line, with defaults resolved against the package root.
struct Options: Sendable {
    var corpus: String
    /// The directory holding bench/gen_corpus.py.
    var shared: String
    var feedctl: String
    /// A second feedctl to time beside the first (before and after a change), nil when not asked for.
    var baseline: String?
    var runs = 5
    var warmup = 1
    var cases: [BenchCase] = BenchCase.allCases
    var json = false
    var help = false

    static let usage = """
        usage: feedd-parse-bench [--corpus DIR] [--shared DIR] [--feedctl PATH] [--baseline PATH] [--runs N]
                                 [--warmup N] [--cases big,corpus,perfile] [--json]

          --corpus DIR     corpus made by gen_corpus.py (default /tmp/feedbench/corpus; generated when
                           DIR/manifest.json is missing)
          --shared DIR     the shared directory holding bench/gen_corpus.py (default ../shared from the package root)
          --feedctl PATH   feedctl binary (default .build/release/feedctl under the package root)
          --baseline PATH  another feedctl binary (an earlier build), timed in the same interleaved runs
          --runs N         timed runs per tool and case (default 5)
          --warmup N       untimed runs first, to warm the page cache (default 1)
          --cases LIST     comma-separated subset of big,corpus,perfile (default all)
          --json           print the results as JSON on stdout (progress still goes to stderr)
        """

    /// Parses `arguments` (without the program name); relative paths are taken from the current directory.
    ///
    /// `packageRoot` anchors the defaults of `--shared` and `--feedctl`.
    init(arguments: [String], packageRoot: String) throws(BenchError) {
        corpus = "/tmp/feedbench/corpus"
        shared = Self.absolute("../shared", from: packageRoot)
        feedctl = Self.absolute(".build/release/feedctl", from: packageRoot)

        var rest = arguments[...]
        while let option = rest.popFirst() {
            switch option {
            case "--json": json = true
            case "-h", "--help": help = true
            case "--corpus", "--shared", "--feedctl", "--baseline", "--runs", "--warmup", "--cases":
                guard let value = rest.popFirst() else { throw .usage("\(option) needs a value") }
                try set(option, value)
            default:
                throw .usage("unknown option '\(option)'")
            }
        }
    }

    private mutating func set(_ option: String, _ value: String) throws(BenchError) {
        let cwd = FileManager.default.currentDirectoryPath
        switch option {
        case "--corpus": corpus = Self.absolute(value, from: cwd)
        case "--shared": shared = Self.absolute(value, from: cwd)
        case "--feedctl": feedctl = value.contains("/") ? Self.absolute(value, from: cwd) : value
        case "--baseline": baseline = value.contains("/") ? Self.absolute(value, from: cwd) : value
        case "--runs": runs = try Self.count(option, value, minimum: 1)
        case "--warmup": warmup = try Self.count(option, value, minimum: 0)
        default:
            var chosen: [BenchCase] = []
            for name in value.split(separator: ",") {
                guard let benchCase = BenchCase(rawValue: String(name)) else {
                    throw .usage("--cases: unknown case '\(name)' (known: big, corpus, perfile)")
                }
                if !chosen.contains(benchCase) { chosen.append(benchCase) }
            }
            guard !chosen.isEmpty else { throw .usage("--cases: name at least one case") }
            cases = chosen
        }
    }

    private static func count(_ option: String, _ value: String, minimum: Int) throws(BenchError) -> Int {
        guard let number = Int(value), number >= minimum else {
            throw .usage("\(option) wants a whole number ≥ \(minimum), not '\(value)'")
        }
        return number
    }

    private static func absolute(_ path: String, from base: String) -> String {
        let url =
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: base).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    /// The nearest directory at or above the current one that holds a Package.swift, else the current directory.
    static func packageRoot() -> String {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        var directory = cwd
        while true {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory.path
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return cwd.path }
            directory = parent
        }
    }
}
