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

    @Test(arguments: ["-daemon.lock", "-migrate.lock"])
    func aLinkPlantedBesideTheStoreIsNeverFollowed(_ suffix: String) throws {
        let directory = NSTemporaryDirectory() + "feedstore-link-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let victim = directory + "/victim"
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
        let path = directory + "/feedd.sqlite"
        #expect(symlink(victim, path + suffix) == 0)

        let error = #expect(throws: StoreError.self) {
            if suffix == "-daemon.lock" {
                _ = try DaemonLock(storePath: path)
            } else {
                _ = try FeedStore(path: path, role: .daemon)
            }
        }
        #expect(error?.description.contains("symbolic link") == true, "\(String(describing: error))")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
    }

    /// Root in the service's directory: a store, or its -wal or -shm, that is a link to another file is refused
    /// before SQLite (which follows a link at the database's path) opens anything.
    @Test(.enabled(if: geteuid() == 0, "root gives files to the directory's owner"), arguments: ["", "-wal", "-shm"])
    func rootRefusesAStoreThatIsALinkInAnotherUsersDirectory(_ suffix: String) throws {
        let directory = NSTemporaryDirectory() + "feedstore-service-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let elsewhere = try TemporaryStore(role: .daemon)
        let path = directory + "/feedd.sqlite"
        if suffix.isEmpty {
            #expect(symlink(elsewhere.path, path) == 0)
        } else {
            // A real store, closed (which removes its -wal and -shm), then a link where SQLite would open one.
            _ = try FeedStore(path: path, role: .daemon)
            _ = unlink(path + suffix)
            let victim = elsewhere.directory + "/victim"
            try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
            #expect(symlink(victim, path + suffix) == 0)
        }
        #expect(chown(directory, 65534, 65534) == 0)
        let error = #expect(throws: StoreError.self) { _ = try FeedStore(path: path, role: .client) }
        #expect(error?.description.contains("is a symbolic link") == true, "\(String(describing: error))")
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
}
