import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock on `<store>-migrate.lock`, held while the store's schema is checked and migrated, so that
/// processes opening a new or old store one after the other each see it whole.
///
/// `flock` locks belong to the open file, so the lock goes when the process does, even after `kill -9`. Opening an
/// up-to-date store never takes it.
struct MigrationLock {
    private let descriptor: Int32

    /// Waits until the lock is free and takes it; the lock file is created when missing.
    init(storePath: String) throws(StoreError) {
        let lockPath = storePath + "-migrate.lock"
        let descriptor = try StoreFiles.openCreating(lockPath, storePath: storePath)
        guard Self.lock(descriptor) else {
            let code = errno
            close(descriptor)
            throw StoreAccess.error(code, on: lockPath, storePath: storePath, doing: "lock")
        }
        self.descriptor = descriptor
    }

    /// Waits until the lock is free and takes it, when the lock file exists and this process may open it; nil
    /// otherwise. Creates nothing, so that a process that only looks at a store (and may refuse it) can wait for
    /// one that is setting it up.
    init?(existingFor storePath: String) {
        // flock needs no write access: a user who may only read the store can wait too.
        let descriptor = open(storePath + "-migrate.lock", O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        guard Self.lock(descriptor) else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    /// Takes the exclusive lock on `descriptor`, waiting as long as it takes; false (errno set) when it failed.
    private static func lock(_ descriptor: Int32) -> Bool {
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { return false }
        }
        return true
    }

    /// Releases the lock (closing the file releases it).
    func release() {
        close(descriptor)
    }
}
