import Foundation
import Testing

/// A fresh temporary directory holding a configuration file whose store lives inside it, for running the built
/// `feedctl` against a store of its own.
///
/// The directory is removed when the sandbox goes away. `run` adds `--config` to every command, so a test never
/// touches the owner's configuration or another test's store.
public final class FeedctlSandbox {
    public let directory: URL
    public let configPath: String
    public let storePath: String

    /// Writes `feedd.toml` naming `store.sqlite` in a new temporary directory, with `fetchTOML` added to its
    /// `[fetch]` table, followed by `extraTOML` (for example `[[feed]]` tables). Without `fetchTOML` the lines are
    /// where tests that check line numbers expect them.
    ///
    /// Without a `[digest]` table in `extraTOML`, digests go to `digests` in the directory too: a feedd started on
    /// the sandbox writes its first digest after its first cycle, and must not write it to the real state directory.
    public init(allowPrivateAddresses: Bool = true, fetchTOML: String = "", extraTOML: String = "") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedctl-e2e-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        storePath = directory.appendingPathComponent("store.sqlite").path
        configPath = directory.appendingPathComponent("feedd.toml").path
        let ownDigest = extraTOML.split(separator: "\n").contains {
            $0.hasPrefix("[digest]") || $0.hasPrefix("[[digest]]")
        }
        let digestDirectory = directory.appendingPathComponent("digests").path
        // After `extraTOML`, so that the line numbers its tests expect in error messages stay put.
        let digestTOML = ownDigest ? "" : "\n[digest]\ndir = \(Self.tomlString(digestDirectory))\n"
        let toml = """
            [store]
            path = \(Self.tomlString(storePath))

            [fetch]
            allow_private_addresses = \(allowPrivateAddresses)\(fetchTOML.isEmpty ? "" : "\n" + fetchTOML)

            \(extraTOML)
            \(digestTOML)
            """
        try Data(toml.utf8).write(to: URL(fileURLWithPath: configPath))
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `feedctl SUBCOMMAND --config FILE ARGUMENTS…`, with `environment` added to this process's.
    public func run(
        _ arguments: [String], standardInput: Data? = nil, environment: [String: String] = [:]
    ) throws -> FeedctlBinary.Result {
        try FeedctlBinary.run(withConfig(arguments), standardInput: standardInput, environment: environment)
    }

    /// The arguments with `--config FILE` after the subcommand, where every subcommand accepts it.
    public func withConfig(_ arguments: [String]) -> [String] {
        guard let subcommand = arguments.first else { return ["--config", configPath] }
        return [subcommand, "--config", configPath] + arguments.dropFirst()
    }

    /// Runs a command that must succeed silently on standard error and returns its standard output.
    public func succeed(
        _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let result = try run(arguments)
        #expect(result.status == 0, "feedctl \(arguments): \(result.standardError)", sourceLocation: sourceLocation)
        return result.standardOutput
    }

    /// Runs a `--json` command that must succeed and returns its output parsed.
    public func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
        let output = try succeed(arguments, sourceLocation: sourceLocation)
        return try JSONSerialization.jsonObject(with: Data(output.utf8), options: [.fragmentsAllowed])
    }

    /// `list --json`, as objects.
    public func feeds(sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        try #require(
            try json(["list", "--json"], sourceLocation: sourceLocation) as? [[String: Any]],
            sourceLocation: sourceLocation)
    }

    /// `articles --json` with `arguments` added, as objects.
    public func articles(
        _ arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [[String: Any]] {
        try #require(
            try json(["articles", "--json"] + arguments, sourceLocation: sourceLocation) as? [[String: Any]],
            sourceLocation: sourceLocation)
    }

    /// `status --json` (with `--check` when asked), as an object.
    public func status(check: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try #require(
            try json(["status", "--json"] + (check ? ["--check"] : []), sourceLocation: sourceLocation)
                as? [String: Any],
            sourceLocation: sourceLocation)
    }

    /// Writes `contents` to a file named `name` in the sandbox and returns its path.
    public func write(_ contents: String, to name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    /// A TOML basic string holding `text`.
    public static func tomlString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
