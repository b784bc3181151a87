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

    /// Waits until the lock is free and takes it.
    init(storePath: String) throws(StoreError) {
        let lockPath = storePath + "-migrate.lock"
        let descriptor = try StoreFiles.openCreating(lockPath, storePath: storePath)
        while flock(descriptor, LOCK_EX) != 0 {
            let code = errno
            guard code == EINTR else {
                close(descriptor)
                throw StoreError(
                    path: storePath, kind: .file("cannot lock \(lockPath): \(String(cString: strerror(code)))"))
            }
        }
        self.descriptor = descriptor
    }

    /// Releases the lock (closing the file releases it).
    func release() {
        close(descriptor)
    }
}
