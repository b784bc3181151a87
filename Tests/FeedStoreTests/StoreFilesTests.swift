import FeedModel
import FeedStore
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The files beside a store: who owns the ones root creates in the service's directory, and the daemon lock.
@Suite struct StoreFilesTests {
    /// A directory owned by `nobody`, as the service's state directory is owned by its dynamic user.
    final class ServiceDirectory {
        let parent: String
        let path: String
        let owner: (uid_t, gid_t) = (65534, 65534)

        init() throws {
            parent = NSTemporaryDirectory() + "feedstore-owner-" + UUID().uuidString
            path = parent + "/state"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            chmod(parent, 0o755)
            chown(path, owner.0, owner.1)
        }

        deinit {
            try? FileManager.default.removeItem(atPath: parent)
        }

        /// Every entry under the directory whose owner is not the directory's, with its uid.
        func foreignFiles() throws -> [String] {
            try FileManager.default.subpathsOfDirectory(atPath: path).compactMap { name in
                var info = stat()
                guard lstat(path + "/" + name, &info) == 0 else { return "\(name) (gone)" }
                return info.st_uid == owner.0 && info.st_gid == owner.1 ? nil : "\(name) (uid \(info.st_uid))"
            }
        }
    }

    @Test(.enabled(if: geteuid() == 0, "only root creates files for another user"))
    func rootCreatesTheStoreAndItsFilesForTheDirectorysOwner() throws {
        let directory = try ServiceDirectory()
        let path = directory.path + "/feedd.sqlite"
        do {
            let store = try FeedStore(path: path, role: .client)
            _ = try store.addFeed(NewFeed(url: "https://example.org/feed.xml", source: .feedctl))
            let lock = try DaemonLock(storePath: path)
            _ = lock
            #expect(FileManager.default.fileExists(atPath: path + "-wal"))
            #expect(FileManager.default.fileExists(atPath: path + "-shm"))
            #expect(try directory.foreignFiles() == [])
        }
        // Reopened by root once the files exist (as feedctl beside the running service): still nothing of root's.
        let store = try FeedStore(path: path, role: .daemon)
        _ = try store.addFeed(NewFeed(url: "https://example.org/other.xml", source: .feedctl))
        #expect(try directory.foreignFiles() == [])
    }

    @Test(.enabled(if: geteuid() == 0, "only root creates files for another user"))
    func missingDirectoriesGoToTheOwnerOfTheirParent() throws {
        let directory = try ServiceDirectory()
        let path = directory.path + "/nested/deeper/feedd.sqlite"
        _ = try FeedStore(path: path, role: .client)
        #expect(try directory.foreignFiles() == [])
    }

    @Test func aStoreInADirectoryOfRootsOwnStaysRoots() throws {
        let temporary = try TemporaryStore(role: .client)
        var info = stat()
        #expect(stat(temporary.path, &info) == 0)
        #expect(info.st_uid == geteuid())
    }

    @Test func aSecondDaemonLockNamesTheHoldersPid() throws {
        let temporary = try TemporaryStore(role: .daemon)
        let first = try DaemonLock(storePath: temporary.path)
        let error = #expect(throws: StoreError.self) { try DaemonLock(storePath: temporary.path) }
        #expect(error?.kind == .otherDaemon(pid: getpid()))
        #expect(error?.description.contains("another feedd (pid \(getpid())) is running") == true)
        _ = first
    }

    @Test func theDaemonLockIsFreeOnceItsHolderIsGone() throws {
        let temporary = try TemporaryStore(role: .daemon)
        do {
            _ = try DaemonLock(storePath: temporary.path)
        }
        _ = try DaemonLock(storePath: temporary.path)
    }

    @Test func aKilledHolderLeavesNoStaleLock() throws {
        let temporary = try TemporaryStore(role: .daemon)
        // A process that takes the same kind of lock (flock on the file) and is killed with SIGKILL; `-o` keeps
        // the lock from its child, which ends by itself.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = ["-o", temporary.path + "-daemon.lock", "sleep", "5"]
        try holder.run()
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(10)
        var held = false
        while !held && Date() < deadline {
            do {
                _ = try DaemonLock(storePath: temporary.path)
                Thread.sleep(forTimeInterval: 0.02)
            } catch {
                held = true
            }
        }
        #expect(held, "the flock holder never took the lock")
        kill(holder.processIdentifier, SIGKILL)
        let freed = Date().addingTimeInterval(10)
        var taken = false
        while !taken && Date() < freed {
            taken = (try? DaemonLock(storePath: temporary.path)) != nil
            if !taken { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(taken)
    }
}
