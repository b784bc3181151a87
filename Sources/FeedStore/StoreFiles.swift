import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Creates the files around a store so that the user who runs the service can always open them (see
/// `StoreFileOwner`).
enum StoreFiles {
    /// Creates the store's directory, and its missing parents, when it does not exist.
    static func createDirectory(for storePath: String) throws(StoreError) {
        let directory = (storePath as NSString).deletingLastPathComponent
        // The directories that do not exist yet, outermost first.
        var missing: [String] = []
        var path = directory
        var info = stat()
        while !path.isEmpty, path != "/", stat(path, &info) != 0 {
            missing.insert(path, at: 0)
            path = (path as NSString).deletingLastPathComponent
        }
        guard !missing.isEmpty else { return }
        let owner = StoreFileOwner.forNewFiles(in: directory)
        for created in missing {
            if mkdir(created, 0o755) != 0 && errno != EEXIST {
                throw StoreError(
                    path: storePath,
                    kind: .database("cannot create the directory \(created): \(String(cString: strerror(errno)))"))
            }
            try owner?.adopt(path: created)
        }
    }

    /// Opens a file beside the store read-write, creating it when missing; a new file goes to the owner of its
    /// directory.
    ///
    /// - Returns: the open descriptor, which the caller closes.
    static func openCreating(_ path: String, storePath: String) throws(StoreError) -> Int32 {
        var descriptor = open(path, O_RDWR | O_CLOEXEC)
        if descriptor < 0 && errno == ENOENT {
            descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 {
                if let owner = StoreFileOwner.forNewFiles(in: (path as NSString).deletingLastPathComponent) {
                    do {
                        try owner.adopt(descriptor: descriptor, path: path)
                    } catch {
                        close(descriptor)
                        throw error
                    }
                }
            } else if errno == EEXIST {
                // Another process created it between the two opens.
                descriptor = open(path, O_RDWR | O_CLOEXEC)
            }
        }
        guard descriptor >= 0 else {
            throw StoreError(
                path: storePath, kind: .database("cannot open \(path): \(String(cString: strerror(errno)))"))
        }
        return descriptor
    }

    /// Creates an empty database file when there is none and it should belong to another user, so that SQLite
    /// opens a file the service owns (SQLite then gives its `-wal` and `-shm` files to the same user).
    static func createDatabaseFile(_ storePath: String) throws(StoreError) {
        guard StoreFileOwner.forNewFiles(in: (storePath as NSString).deletingLastPathComponent) != nil else { return }
        close(try openCreating(storePath, storePath: storePath))
    }
}
