import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Creates the files around a store so that the user who runs the service can always open them (see
/// `StoreFileOwner`).
///
/// A root process works here in a directory another user controls, so it never follows a symbolic link there and
/// opens only regular files with a single link: a link planted by that user cannot make root truncate, write or
/// give away a file elsewhere. (SQLite opens its own files with `O_NOFOLLOW` too.)
enum StoreFiles {
    /// Creates the store's directory, and its missing parents, when it does not exist.
    ///
    /// Each new directory is made and opened relative to its parent's descriptor, never by path, so a link
    /// swapped in meanwhile cannot redirect where root creates a directory or which one it gives away.
    static func createDirectory(for storePath: String) throws(StoreError) {
        let directory = (storePath as NSString).deletingLastPathComponent
        // The directories that do not exist yet, outermost first, below the nearest one that does.
        var missing: [String] = []
        var existing = directory
        var info = stat()
        while !existing.isEmpty, existing != "/", stat(existing, &info) != 0 {
            missing.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        guard !missing.isEmpty else { return }
        let owner = StoreFileOwner.forNewFiles(in: existing)
        var parent = open(existing.isEmpty ? "." : existing, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parent >= 0 else {
            let code = errno
            throw StoreAccess.error(code, on: existing, storePath: storePath, doing: "open the directory")
        }
        defer { close(parent) }
        var path = existing
        for name in missing {
            let parentPath = path
            path = (path as NSString).appendingPathComponent(name)
            // EEXIST: another process made it meanwhile; it is then theirs, not ours to give away.
            let made = mkdirat(parent, name, 0o755) == 0
            var code = errno
            var child: Int32 = -1
            if made || code == EEXIST {
                child = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                code = errno
            }
            guard child >= 0 else {
                // mkdirat is refused for what its parent forbids; openat for what the new directory does.
                let refusing = made || code != EACCES ? path : parentPath
                throw StoreAccess.error(code, on: refusing, storePath: storePath, doing: "create the directory")
            }
            close(parent)
            parent = child
            if made, let owner {
                try owner.adopt(descriptor: child, path: path, storePath: storePath)
            }
        }
    }

    /// Opens a regular file beside the store read-write, creating it when missing; a new file goes to the owner of
    /// its directory.
    ///
    /// - Returns: the open descriptor, which the caller closes.
    static func openCreating(_ path: String, storePath: String) throws(StoreError) -> Int32 {
        let flags = O_RDWR | O_NOFOLLOW | O_CLOEXEC
        var descriptor = open(path, flags)
        var code = errno
        var refusing = path
        if descriptor < 0 && code == ENOENT {
            refusing = (path as NSString).deletingLastPathComponent
            descriptor = open(path, flags | O_CREAT | O_EXCL, 0o644)
            code = errno
            if descriptor >= 0 {
                if let owner = StoreFileOwner.forNewFiles(in: (path as NSString).deletingLastPathComponent) {
                    do {
                        try owner.adopt(descriptor: descriptor, path: path, storePath: storePath)
                    } catch {
                        // Never leave a file of root's behind in the service's directory.
                        close(descriptor)
                        unlink(path)
                        throw error
                    }
                }
            } else if code == EEXIST {
                // Another process created it between the two opens.
                descriptor = open(path, flags)
                code = errno
                refusing = path
            }
        }
        guard descriptor >= 0 else {
            if code == ELOOP {
                throw StoreError(path: storePath, kind: .file("cannot open \(path): it is a symbolic link"))
            }
            throw StoreAccess.error(code, on: refusing, storePath: storePath, doing: "open")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1 else {
            close(descriptor)
            throw StoreError(path: storePath, kind: .file("\(path) is not a regular file with a single link"))
        }
        return descriptor
    }

    /// Throws when root is about to open the store in a directory another user owns and the store, or its `-wal` or
    /// `-shm` file, is a symbolic link.
    ///
    /// SQLite follows a link at the database's own path (its `-wal` and `-shm` go beside the link's target), so a
    /// link planted by the service's user could make root write another store, or create files elsewhere.
    static func refuseLinks(_ storePath: String) throws(StoreError) {
        guard StoreFileOwner.forNewFiles(in: (storePath as NSString).deletingLastPathComponent) != nil else { return }
        for path in [storePath, storePath + "-wal", storePath + "-shm"] {
            var info = stat()
            if lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK {
                throw StoreError(
                    path: storePath,
                    kind: .file("\(path) is a symbolic link, which root does not follow in another user's directory"))
            }
        }
    }

    /// Creates an empty database file when there is none and it should belong to another user, so that SQLite
    /// opens a file the service owns (SQLite then gives its `-wal` and `-shm` files to the same user).
    static func createDatabaseFile(_ storePath: String) throws(StoreError) {
        guard StoreFileOwner.forNewFiles(in: (storePath as NSString).deletingLastPathComponent) != nil else { return }
        close(try openCreating(storePath, storePath: storePath))
    }
}
