import Glibc

/// Whole files read and written with POSIX calls, so that a failure is told as the path and the system's reason
/// ("Permission denied"), never as a Foundation error's dump.
enum TextFile {
    /// The file's contents as UTF-8 (invalid bytes replaced).
    static func read(_ path: String) throws(CommandError) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("read", path, errno) }
        defer { close(descriptor) }
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("read", path, errno)
            }
            if count == 0 {
                return String(decoding: contents, as: UTF8.self)
            }
            contents.append(contentsOf: buffer[..<count])
        }
    }

    /// Replaces the file with `bytes` atomically: written to a temporary file beside it, then renamed over it, so
    /// that a reader sees the old file or the new one, never half of it.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(CommandError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { path[..<$0].isEmpty ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = "\(directory)/.\(name).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("write", path, errno) }
        let written = FileDescriptorOutput(descriptor: descriptor).write(bytes)
        let writeCode = errno
        let closed = close(descriptor) == 0
        let closeCode = errno
        guard written && closed else {
            unlink(temporary)
            throw failure("write", path, written ? closeCode : writeCode)
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw failure("write", path, code)
        }
    }

    private static func failure(_ verb: String, _ path: String, _ code: Int32) -> CommandError {
        CommandError("cannot \(verb) \(path): \(String(cString: strerror(code)))")
    }
}
