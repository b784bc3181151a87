import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds, with `stat` and `access`, whether this process may use the store at a path, and when it may not, the
/// reason in plain words.
///
/// Asked before SQLite opens anything, so that a store that cannot be used is refused before a file or directory is
/// created on the way; and after SQLite failed, whose own words ("unable to open database file", "attempt to write a
/// readonly database") do not say which file or why.
enum StoreAccess {
    /// Throws the reason this process cannot read the store at `path` (when `writing`, also change it, or create it
    /// and its missing directories); returns whether a non-empty file is there.
    ///
    /// A missing store is not an error here: whether it may be created is the caller's choice.
    static func check(_ path: String, writing: Bool) throws(StoreError) -> Bool {
        let directory = try deepestDirectory(toward: path)
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == EACCES {
                // The directory may be listed but not searched: it, not the file, refuses.
                throw error(code, on: directory, storePath: path, doing: "open")
            }
            guard code == ENOENT else { throw error(code, on: path, storePath: path, doing: "open") }
            if writing {
                // The nearest existing directory is where the first new directory, or the file, is made.
                try require(directory, W_OK, storePath: path)
            }
            return false
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            throw StoreError(path: path, kind: .isDirectory)
        }
        try require(path, R_OK, storePath: path)
        if writing {
            try require(path, W_OK, storePath: path)
            // SQLite creates its -wal and -shm files, and feedd its lock files, beside the store.
            try require(directory, W_OK, storePath: path)
            for suffix in ["-wal", "-shm"] where exists(path + suffix) {
                try require(path + suffix, W_OK, storePath: path)
            }
        }
        return info.st_size > 0
    }

    /// True when this process may change the store: write its file, its directory and its -wal and -shm files.
    static func isWritable(_ path: String) -> Bool {
        (try? check(path, writing: true)) != nil
    }

    /// Why SQLite could not open, read or write the store, as the file system tells it; nil when it does not.
    ///
    /// - Parameter writing: SQLite refused a write (so a file it could read may still be the cause).
    static func explanation(for path: String, writing: Bool) -> StoreError? {
        do {
            _ = try check(path, writing: false)
            for suffix in ["-wal", "-shm"] where exists(path + suffix) {
                try require(path + suffix, R_OK, storePath: path)
            }
            if writing {
                _ = try check(path, writing: true)
            }
            return nil
        } catch {
            return error
        }
    }

    /// The store error for a system call that failed with `code` on `file` (the store, a file beside it or a
    /// directory); `doing` names the call for the reasons no other kind names ("create the directory").
    static func error(_ code: Int32, on file: String, storePath: String, doing: String) -> StoreError {
        let kind: StoreError.Kind
        switch code {
        case EACCES, EPERM:
            kind = .permissionDenied(on: file, owner: ownerName(of: file))
        case EROFS:
            kind = .readOnlyFileSystem
        case ENOSPC, EDQUOT:
            kind = .diskFull
        case EISDIR where file == storePath:
            kind = .isDirectory
        case ENOTDIR:
            // Some directory on the way is a file: name it when it can be found.
            do {
                _ = try deepestDirectory(toward: file)
                kind = .file("cannot \(doing) \(file): \(String(cString: strerror(code)))")
            } catch {
                return StoreError(path: storePath, kind: error.kind)
            }
        default:
            kind = .file("cannot \(doing) \(file): \(String(cString: strerror(code)))")
        }
        return StoreError(path: storePath, kind: kind)
    }

    /// The name of the user who owns `path`, or their uid when it has no name; nil when `stat` cannot see it.
    static func ownerName(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        let name = buffer.withUnsafeMutableBufferPointer { storage -> String? in
            guard let base = storage.baseAddress,
                getpwuid_r(info.st_uid, &entry, base, storage.count, &found) == 0,
                let found, let name = found.pointee.pw_name
            else { return nil }
            return String(cString: name)
        }
        return name ?? String(info.st_uid)
    }

    /// The deepest existing directory on the way to `path`: its parent, when that exists.
    ///
    /// Throws when a component on the way is a file, or a directory on the way may not be searched by this process
    /// (then `stat` cannot see past it, and the message names it rather than the store).
    private static func deepestDirectory(toward path: String, links: Int = 0) throws(StoreError) -> String {
        let absolute = path.hasPrefix("/")
        var current = absolute ? "/" : "."
        for part in path.split(separator: "/").dropLast() {
            let next = current == "/" ? "/" + part : current == "." && !absolute ? String(part) : current + "/" + part
            var info = stat()
            guard stat(next, &info) == 0 else {
                let code = errno
                switch code {
                case ENOENT:
                    return current
                case EACCES:
                    // Through a symbolic link (the service's /var/lib/feedd is one, into the 0700 /var/lib/private)
                    // the directory that refuses is on the link's way, not the one holding the link.
                    if links < 8, let target = linkTarget(next, in: current) {
                        do {
                            _ = try deepestDirectory(toward: target + "/store", links: links + 1)
                        } catch let refusal {
                            if case .permissionDenied = refusal.kind {
                                throw StoreError(path: path, kind: refusal.kind)
                            }
                        }
                    }
                    throw StoreError(path: path, kind: .permissionDenied(on: current, owner: ownerName(of: current)))
                default:
                    throw StoreError(
                        path: path, kind: .file("cannot look up \(next): \(String(cString: strerror(code)))"))
                }
            }
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw StoreError(path: path, kind: .parentNotDirectory(next))
            }
            current = next
        }
        return current
    }

    /// Where the symbolic link `path` (in `directory`) points, as a path; nil when `path` is not a link.
    private static func linkTarget(_ path: String, in directory: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return target.hasPrefix("/") ? target : (directory == "/" ? "/" : directory + "/") + target
    }

    /// Throws unless this process has `mode` access to `file`.
    private static func require(_ file: String, _ mode: Int32, storePath: String) throws(StoreError) {
        // The effective user's rights, which are the ones open(2) checks.
        guard faccessat(AT_FDCWD, file, mode, AT_EACCESS) == 0 else {
            let code = errno
            throw error(code, on: file, storePath: storePath, doing: mode == W_OK ? "write" : "read")
        }
    }

    private static func exists(_ file: String) -> Bool {
        var info = stat()
        return lstat(file, &info) == 0
    }
}
