import Foundation

/// What a directory holds: each entry's name, and for a regular file the SHA-256 of its bytes.
///
/// Two snapshots are equal when nothing was created, removed or changed in the directory (not recursively): the
/// proof that a refused store was left byte for byte as it was, with no `-wal`, `-shm` or lock file beside it.
public struct DirectorySnapshot: Equatable, CustomStringConvertible {
    /// Entry name → "dir", or the file's SHA-256.
    public let entries: [String: String]

    /// The entries of `directory` now; an empty snapshot when it does not exist.
    public init(_ directory: String) {
        var entries: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            let path = directory + "/" + name
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                entries[name] = "dir"
            } else {
                entries[name] = FileManager.default.contents(atPath: path).map { SHA256.hex([UInt8]($0)) } ?? "?"
            }
        }
        self.entries = entries
    }

    public var description: String {
        entries.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.prefix(12))" }.joined(separator: ", ")
    }
}
