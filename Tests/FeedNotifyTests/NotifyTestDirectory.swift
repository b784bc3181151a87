import Foundation

/// A fresh temporary directory for one test, removed by `remove()`.
struct NotifyTestDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("feedd-notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Writes `contents` to `name` and returns its path.
    func write(_ name: String, _ contents: String) throws -> String {
        try Data(contents.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
