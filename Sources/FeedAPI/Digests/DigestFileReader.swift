import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads digest files for the API on a queue of its own, so the blocking reads never hold an event loop or a
/// thread of Swift's cooperative pool.
///
/// One serial queue, `feedd.api.digest-files`: digests are read now and then by one person, and one at a time
/// bounds the memory of large files in flight.
enum DigestFileReader {
    /// A file larger than this is not served (a digest is a few hundred kilobytes).
    static let maximumBytes = 32 << 20

    /// What reading a file gave.
    enum Outcome: Sendable, Equatable {
        case contents([UInt8])
        /// No such file (yet).
        case missing
        /// Larger than `maximumBytes`.
        case tooLarge
        /// It exists but could not be read: the system's reason.
        case failed(String)
    }

    private static let queue = DispatchQueue(label: "feedd.api.digest-files", qos: .utility)

    /// The contents of the regular file at `path`, read on the reader's queue.
    static func read(_ path: String) async -> Outcome {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: readNow(path)) }
        }
    }

    /// The names in `directory`, or none when it cannot be listed (it does not exist before the first digest).
    static func names(in directory: String) async -> [String] {
        await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            }
        }
    }

    private static func readNow(_ path: String) -> Outcome {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            return errno == ENOENT || errno == ENOTDIR ? .missing : .failed(String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failed(String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failed("not a regular file") }
        guard info.st_size <= maximumBytes else { return .tooLarge }
        // The file may grow between fstat and read (it is replaced by rename, so rarely): read up to the cap, and
        // one byte more to notice.
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard bytes.count <= maximumBytes else { return .tooLarge }
                bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, maximumBytes + 1 - bytes.count)))
            }
            let result = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress! + count, buffer.count - count)
            }
            if result < 0 {
                if errno == EINTR { continue }
                return .failed(String(cString: strerror(errno)))
            }
            if result == 0 { break }
            count += result
        }
        guard count <= maximumBytes else { return .tooLarge }
        bytes.removeSubrange(count...)
        return .contents(bytes)
    }
}
