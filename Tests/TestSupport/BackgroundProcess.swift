import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A built executable running alongside a test, its output collected in files; every wait on it is bounded.
public final class BackgroundProcess {
    public let process = Process()
    private let outputURL: URL
    private let errorURL: URL

    /// Starts `executable` with `arguments` and this process's environment plus `environment`; standard input is
    /// empty.
    ///
    /// - Parameter journal: sets `$JOURNAL_STREAM` to standard error's device and inode, as systemd does when it
    ///   connects standard error to journald.
    public init(executable: String, arguments: [String], environment: [String: String] = [:], journal: Bool = false)
        throws
    {
        let directory = FileManager.default.temporaryDirectory
        outputURL = directory.appendingPathComponent("feedctl-bg-out-\(UUID().uuidString)")
        errorURL = directory.appendingPathComponent("feedctl-bg-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = environment
        if journal {
            var info = stat()
            stat(errorURL.path, &info)
            environment["JOURNAL_STREAM"] = "\(info.st_dev):\(info.st_ino)"
        }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        // Files, not pipes: nobody reads while it runs, and a full pipe would stall it.
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: outputURL)
        try? FileManager.default.removeItem(at: errorURL)
    }

    public var isRunning: Bool { process.isRunning }

    /// Waits until the process exits, at most `seconds`; true when it did.
    public func waitForExit(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        if process.isRunning { return false }
        process.waitUntilExit()
        return true
    }

    /// Sends SIGKILL and waits (a few seconds at most) until the process is gone.
    public func killHard() -> Bool {
        kill(process.processIdentifier, SIGKILL)
        return waitForExit(seconds: 10)
    }

    public var standardOutput: String { (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "" }
    public var standardError: String { (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "" }

    /// A built executable next to `feedctl`, such as `feedd-store-bench`.
    public static func builtExecutable(_ name: String) -> String {
        URL(fileURLWithPath: FeedctlBinary.path).deletingLastPathComponent().appendingPathComponent(name).path
    }
}
