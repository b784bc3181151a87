#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a shared secret (a webhook's HMAC key) from the file an owner keeps it in.
public enum SecretFile {
    /// The largest secret file read; a bigger one is surely the wrong file.
    public static let maxBytes = 64 * 1024

    /// The file's bytes without one trailing "\n" or "\r\n", read now: a secret rotated on disk is used from the
    /// next delivery on, without a restart.
    ///
    /// Blocking (a file read); call it where `NotificationSender.deliver` runs.
    ///
    /// - Throws: `SecretFileError` naming the path and the system's reason, when the file is empty (after the line
    ///   break), or larger than `maxBytes`.
    public static func read(_ path: String) throws(SecretFileError) -> [UInt8] {
        func failure(_ code: Int32) -> SecretFileError {
            SecretFileError(path: path, reason: String(cString: strerror(code)))
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            throw failure(errno)
        }
        defer { close(descriptor) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR {
                    continue
                }
                throw failure(errno)
            }
            if count == 0 {
                break
            }
            contents.append(contentsOf: chunk[..<count])
            guard contents.count <= maxBytes else {
                throw SecretFileError(path: path, reason: "larger than \(maxBytes / 1024) KiB")
            }
        }
        if contents.last == UInt8(ascii: "\n") {
            contents.removeLast()
            if contents.last == UInt8(ascii: "\r") {
                contents.removeLast()
            }
        }
        guard !contents.isEmpty else {
            throw SecretFileError(path: path, reason: "is empty")
        }
        return contents
    }
}
