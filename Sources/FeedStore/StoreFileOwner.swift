import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who the files feedd and feedctl create beside a store should belong to.
///
/// The service runs as its own (dynamic) user and owns its state directory. When root runs `feedctl` or
/// `feedd --once` on that store, a file it creates there (the database, its lock files, a missing directory)
/// would belong to root, and the service could no longer open it. So a root process gives each new file to the
/// owner of the directory it is created in; SQLite does the same for the `-wal` and `-shm` files it creates, by
/// giving them to the database file's owner. Processes that are not root create files as themselves, as usual.
struct StoreFileOwner: Equatable {
    let user: uid_t
    let group: gid_t

    /// The owner that new files in `directory` should get: nil unless this process is root and the directory
    /// (or, when it does not exist yet, its nearest existing ancestor) belongs to another user.
    static func forNewFiles(in directory: String) -> StoreFileOwner? {
        guard geteuid() == 0 else { return nil }
        var path = directory.isEmpty ? "." : directory
        var info = stat()
        while stat(path, &info) != 0 {
            let code = errno
            let parent = (path as NSString).deletingLastPathComponent
            guard code == ENOENT, !parent.isEmpty, parent != path else { return nil }
            path = parent
        }
        guard info.st_uid != 0 else { return nil }
        return StoreFileOwner(user: info.st_uid, group: info.st_gid)
    }

    /// Gives the open file or directory at `path` to this owner.
    func adopt(descriptor: Int32, path: String, storePath: String) throws(StoreError) {
        guard fchown(descriptor, user, group) == 0 else {
            let code = errno
            throw StoreError(
                path: storePath,
                kind: .file("cannot give \(path) to user \(user): \(String(cString: strerror(code)))"))
        }
    }
}
