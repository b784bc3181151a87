import Foundation

/// A fresh temporary directory for one test, removed by `remove()`.
struct ProcessTestDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("feedd-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Writes `bytes` to `name` with the given mode and returns its path.
    func write(_ name: String, _ bytes: [UInt8], permissions: Int = 0o644) throws -> String {
        try Data(bytes).write(to: url.appendingPathComponent(name))
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path(name))
        return path(name)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Whether the process whose pid the command wrote to `name` is gone (or a zombie until whoever adopted it
    /// reaps it), waiting up to two seconds for the kernel to finish killing it.
    func processIsGone(pidFile name: String) throws -> Bool {
        let pid = try String(contentsOfFile: path(name), encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
        for _ in 0..<100 {
            let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?
                .split(separator: ")").last?.split(separator: " ").first
            if state == nil || state == "Z" {
                return true
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }
}
