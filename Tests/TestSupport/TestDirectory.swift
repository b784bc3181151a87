import Foundation

/// A fresh temporary directory for one test, removed by `remove()`.
public struct TestDirectory: Sendable {
    public let url: URL

    /// Creates `feedd-PREFIX-UUID` in the system's temporary directory.
    public init(prefix: String = "test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("feedd-\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the directory.
    public func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Writes `contents` to `name` and returns its path.
    public func write(_ name: String, _ contents: String) throws -> String {
        try Data(contents.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    /// Writes `bytes` to `name` with the given mode and returns its path.
    public func write(_ name: String, _ bytes: [UInt8], permissions: Int = 0o644) throws -> String {
        try Data(bytes).write(to: url.appendingPathComponent(name))
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path(name))
        return path(name)
    }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
