#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A digest file could not be written; names the path, the step and the system's reason in one line.
public struct DigestFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or directory the step failed on.
    public var path: String
    /// The step that failed, e.g. "create directory", "write", "rename".
    public var operation: String
    /// The errno value.
    public var code: Int32

    /// Creates an error.
    public init(path: String, operation: String, code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
    }

    /// The system's text for `code`, e.g. "Permission denied".
    public var reason: String { String(cString: strerror(code)) }

    /// e.g. "cannot write digest file /var/lib/feedd/digests/2026-11-29.html: rename failed: Permission denied".
    public var description: String { "cannot write digest file \(path): \(operation) failed: \(reason)" }
}
