import Foundation

/// Runs the built `feedctl` binary, the way a person or a script would.
public enum FeedctlBinary {
    public struct Result {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// `$FEEDCTL_BIN`, else the `feedctl` in the build folder that holds the test bundle.
    public static var path: String {
        if let override = ProcessInfo.processInfo.environment["FEEDCTL_BIN"] { return override }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("feedctl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            directory = directory.deletingLastPathComponent()
        }
        // Tests/TestSupport/FeedctlBinary.swift: three levels below the package.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/feedctl").path
    }

    /// The built `feedd`, next to `feedctl`: the daemon's end-to-end tests (FeeddTests) run it, and a few feedctl
    /// tests run it to fill a store.
    public static var feedd: String {
        URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("feedd").path
    }

    /// Runs `executable` (feedctl unless named) and collects its output and status.
    ///
    /// - Parameter environment: added to this process's environment (an empty value sets the variable empty).
    public static func run(
        _ arguments: [String], standardInput: Data? = nil, executable: String? = nil,
        environment: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? path)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let output = Pipe()
        let input = Pipe()
        // Standard error goes to a file, so that reading standard output to its end cannot stall on a full pipe.
        let errorURL = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedctl-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorURL) }
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        defer { try? errorHandle.close() }
        process.standardOutput = output
        process.standardError = errorHandle
        process.standardInput = input
        try process.run()
        if let standardInput { input.fileHandleForWriting.write(standardInput) }
        try input.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorData = try Data(contentsOf: errorURL)
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self)
        )
    }

    /// The uid and gid of `nobody`, the user who is not root in tests that need one.
    public static let nobody = 65534

    /// Runs feedctl as the user `nobody` (tests run as root): `setpriv` drops every privilege and group first.
    public static func runAsNobody(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try run(
            ["--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", path] + arguments,
            executable: "/usr/bin/setpriv", environment: environment)
    }
}
