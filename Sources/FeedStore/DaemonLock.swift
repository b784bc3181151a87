import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lock that makes feedd the one daemon of its store: `<store>-daemon.lock`, held for the process's life.
///
/// Two daemons on one store would fetch every feed twice and race each other's schedules, so a second `feedd`
/// (the service or `--once`) refuses to start, naming the first one's pid, which the file holds. The lock is an
/// `flock` on the open file, so it goes with the process, even after `kill -9`: a stale file never blocks a start.
public final class DaemonLock: Sendable {
    /// The lock file's path.
    public let path: String
    private let descriptor: Int32

    /// Takes the lock without waiting; throws `StoreError.Kind.otherDaemon` when another process holds it.
    ///
    /// The store's directory is created when missing, as the store itself would.
    public init(storePath: String) throws(StoreError) {
        path = storePath + "-daemon.lock"
        try StoreFiles.createDirectory(for: storePath)
        let descriptor = try StoreFiles.openCreating(path, storePath: storePath)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            defer { close(descriptor) }
            if code == EWOULDBLOCK {
                throw StoreError(path: storePath, kind: .otherDaemon(pid: Self.recordedPID(descriptor)))
            }
            throw StoreAccess.error(code, on: path, storePath: storePath, doing: "lock")
        }
        // The pid is for the message a second feedd prints; the lock itself is the flock.
        let record = Array("\(getpid())\n".utf8)
        let truncated = ftruncate(descriptor, 0) == 0
        if !truncated || record.withUnsafeBytes({ pwrite(descriptor, $0.baseAddress, $0.count, 0) }) != record.count {
            let code = errno
            close(descriptor)
            throw StoreAccess.error(code, on: path, storePath: storePath, doing: "write")
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// The pid the holder wrote into the file, if it has written it yet.
    private static func recordedPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text)
    }
}
