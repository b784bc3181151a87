import Glibc

/// Why the benchmark could not measure something; each case reads as one line for a person.
enum BenchError: Error, CustomStringConvertible {
    /// The command line was wrong; `message` says how.
    case usage(String)
    /// A tool is not installed or not executable.
    case toolMissing(name: String, hint: String)
    /// `fork` or `wait4` itself failed (not the tool).
    case spawnFailed(command: String, errno: Int32)
    /// A tool ran and ended badly: non-zero exit or killed by a signal.
    case toolFailed(command: String, termination: Termination, stderr: String)
    /// The corpus is missing, incomplete or could not be generated.
    case corpus(String)
    /// feedctl ran, but its output on big.xml is not what a working parser prints.
    case badOutput(String)

    var description: String {
        switch self {
        case .usage(let message):
            return message
        case .toolMissing(let name, let hint):
            return "\(name): not found or not executable (\(hint))"
        case .spawnFailed(let command, let code):
            return "could not run \(command): \(String(cString: strerror(code)))"
        case .toolFailed(let command, let termination, let stderr):
            let tail = stderr.isEmpty ? "" : ": \(stderr)"
            return "\(command) \(termination)\(tail)"
        case .corpus(let message):
            return "corpus: \(message)"
        case .badOutput(let message):
            return "feedctl parse --json big.xml printed the wrong thing: \(message)"
        }
    }
}
