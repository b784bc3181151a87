import Foundation

/// Checks, once and untimed, that `feedctl parse --json big.xml` prints valid JSON holding every item of big.xml.
///
/// Timing a feedctl that fails or prints garbage would measure nothing, so a failed check keeps feedctl out of
/// the timed runs. The JSON is parsed in a child copy of this executable (`countEntriesFlag`), not here: a large
/// allocation in this process would raise the RSS floor of every later measurement (see `Runner`).
struct OutputCheck: Sendable {
    /// The hidden command line mode `feedd-parse-bench --count-entries FILE`: print the entry count of FILE, or fail
    /// with the reason on stderr.
    static let countEntriesFlag = "--count-entries"

    let feedctl: String
    let corpus: Corpus
    let runner: Runner
    /// Scratch file prefix for the captured output.
    let scratch: String

    /// Returns the number of entries feedctl reported (equal to manifest.json's big.items), or throws why not.
    func run() throws(BenchError) -> Int {
        let output = scratch + ".json"
        let count = scratch + ".count"
        let errors = scratch + ".stderr"
        defer {
            for path in [output, count, errors] { unlink(path) }
        }

        let arguments = Tool.feedctl.arguments(path: feedctl, files: [corpus.bigPath])
        let sample = try runner.run(arguments, stdout: .file(output), stderr: .file(errors))
        guard sample.termination.succeeded else {
            throw .toolFailed(
                command: arguments.joined(separator: " "), termination: sample.termination,
                stderr: firstLine(of: errors))
        }

        let counter = [Self.ownExecutable(), Self.countEntriesFlag, output]
        let counted = try runner.run(counter, stdout: .file(count), stderr: .file(errors))
        guard counted.termination.succeeded else {
            let reason = firstLine(of: errors)
            throw .badOutput(reason.isEmpty ? "the entry counter \(counted.termination)" : reason)
        }
        guard let entries = Int(firstLine(of: count)) else {
            throw .badOutput("the entry counter printed no number")
        }
        guard entries == corpus.bigItems else {
            throw .badOutput(
                "big.xml has \(corpus.bigItems) items (manifest.json big.items), feedctl printed \(entries)")
        }
        return entries
    }

    /// The body of `--count-entries FILE`: prints the count on stdout and returns 0, or the reason on stderr and 1.
    static func countEntriesMain(_ path: String) -> Int32 {
        do throws(BenchError) {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw .badOutput("cannot read \(path): \(error.localizedDescription)")
            }
            print(try entryCount(in: data))
            return 0
        } catch {
            // The parent quotes this line inside its own BenchError.badOutput.
            if case .badOutput(let reason) = error { progress(reason) } else { progress(error.description) }
            return 1
        }
    }

    private static func ownExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Counts `entries` in the output for one file: a JSON object, or an array holding one.
    static func entryCount(in output: Data) throws(BenchError) -> Int {
        guard !output.isEmpty else { throw .badOutput("it printed nothing on stdout") }
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: output)
        } catch {
            let start = String(decoding: output.prefix(60), as: UTF8.self).replacingOccurrences(of: "\n", with: "\\n")
            throw .badOutput("stdout is not valid JSON (it starts with \"\(start)\")")
        }
        let object: [String: Any]
        if let single = document as? [String: Any] {
            object = single
        } else if let array = document as? [Any], array.count == 1, let single = array[0] as? [String: Any] {
            object = single
        } else {
            let shape = (document as? [Any]).map { "an array of \($0.count) values" } ?? "a bare value"
            throw .badOutput("expected one JSON object for one file, got \(shape)")
        }
        guard let entries = object["entries"] as? [Any] else {
            throw .badOutput(
                "the JSON object has no \"entries\" array (keys: \(object.keys.sorted().joined(separator: ", ")))")
        }
        return entries.count
    }
}

/// The first non-empty line of a small log file, trimmed, or "" when there is none.
func firstLine(of path: String) -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
    defer { try? handle.close() }
    let head = String(decoding: handle.readData(ofLength: 4096), as: UTF8.self)
    let line = head.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    return line.trimmingCharacters(in: .whitespaces)
}
