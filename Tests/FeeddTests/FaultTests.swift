import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// feedd under faults: `kill -9` at random moments of its work, and a store and digest directory on full file
/// systems. Whatever happens, the store stays whole, loses nothing once a cycle completes, stores nothing twice,
/// and the digest directory holds no temporary file.
@Suite(.serialized) struct FaultTests {
    static let feedCount = 6
    static let itemsPerFeed = 5

    // MARK: kill -9

    @Test func killNineAtRandomMomentsLosesAndDuplicatesNothing() throws {
        let names = (0..<Self.feedCount).map { "k\($0)" }
        let server = try LoopbackHTTPServer(
            routes: Dictionary(
                uniqueKeysWithValues: names.map {
                    ("/\($0).xml", .ok(NumberedFeed.rss($0, items: 1...Self.itemsPerFeed)))
                }
            ), concurrent: true, keepAlive: true)
        defer { server.stop() }
        let sandbox = try FeedctlSandbox(
            extraTOML: names.map { "[[feed]]\nurl = \(FeedctlSandbox.tomlString(server.url("/\($0).xml")))\n" }
                .joined(separator: "\n"))
        let expected = Self.feedCount * Self.itemsPerFeed
        let digests = sandbox.directory.appendingPathComponent("digests").path
        var rounds: [String] = []
        var kills = 0
        var unfinished = 0
        var completedCycles = 0
        // Bounded in count and time: each round is at most a second and a few feedctl runs.
        let started = Date()
        for round in 0..<16 where Date().timeIntervalSince(started) < 60 {
            if round % 5 == 0 {
                // A fresh store: the kill may land in its creation and migration.
                for suffix in ["", "-wal", "-shm"] {
                    try? FileManager.default.removeItem(atPath: sandbox.storePath + suffix)
                }
            } else {
                // An existing store: every feed is fetched again, and must match what is stored.
                _ = try FeedctlBinary.run(sandbox.withConfig(["refresh"]))
            }
            let service = Bool.random()
            let delay = Int.random(in: 0...(service ? 800 : 500))
            let daemon = try BackgroundProcess(
                executable: FeedctlBinary.feedd,
                arguments: ["--config", sandbox.configPath] + (service ? [] : ["--once"]))
            usleep(useconds_t(delay * 1000))
            let killed = daemon.isRunning
            if killed {
                #expect(daemon.killHard())
                kills += 1
            } else {
                #expect(daemon.waitForExit(seconds: 5))
                #expect(daemon.process.terminationStatus == 0, "round \(round): \(daemon.standardError)")
            }
            let what =
                "round \(round): \(service ? "service" : "--once"), \(killed ? "killed" : "exited") at \(delay) ms"
            rounds.append(what)
            guard FileManager.default.fileExists(atPath: sandbox.storePath) else { continue }
            let check = try FeedctlBinary.run(sandbox.withConfig(["status", "--json", "--check"]))
            guard check.status == 0 else {
                // Killed while creating the store: an empty file (and SQLite's journal), which feedctl does not take
                // for a store, or one whose first migrations committed and the later ones not (each is a
                // transaction of its own), which feedctl leaves to feedd. Either way the next feedd finishes it.
                let error = check.standardError
                #expect(
                    error.contains("no store at") || error.contains("older than this feedctl's; run feedd once"),
                    "\(what): \(error)")
                unfinished += 1
                continue
            }
            let status = try #require(
                try JSONSerialization.jsonObject(with: Data(check.standardOutput.utf8)) as? [String: Any])
            #expect(status["integrity"] as? [String] == ["ok"], "\(what)")
            let articles = try Self.articleKeys(sandbox)
            #expect(Set(articles).count == articles.count, "\(what): duplicates \(articles.sorted())")
            #expect(articles.count <= expected, "\(what)")
            // A cycle that logged its end had stored every feed, whatever came after it.
            let cycleEnded = daemon.standardError.split(separator: "\n").contains {
                $0.contains("cycle ended ") && $0.contains(" feeds=\(Self.feedCount) ")
            }
            if cycleEnded || (!killed && !service) {
                #expect(articles.count == expected, "\(what): a completed cycle stored every article")
                completedCycles += 1
            }
        }
        #expect(kills > 0, "\(rounds)")

        // One cycle that runs to its end stores everything, once.
        _ = try FeedctlBinary.run(sandbox.withConfig(["refresh"]))
        let final = try FeedctlBinary.run(["--config", sandbox.configPath, "--once"], executable: FeedctlBinary.feedd)
        #expect(final.status == 0, "\(final.standardError)")
        let articles = try Self.articleKeys(sandbox)
        #expect(articles.count == expected, "\(rounds)")
        #expect(Set(articles).count == articles.count, "\(rounds)")
        #expect(try sandbox.status(check: true)["integrity"] as? [String] == ["ok"])

        // A digest writer killed mid-file leaves its temporary file; the next daemon removes it, and only it.
        try FileManager.default.createDirectory(atPath: digests, withIntermediateDirectories: true)
        let stale = digests + "/.latest.html.\(Self.deadPid()).12345.tmp"
        let foreign = digests + "/.notes.tmp"
        _ = FileManager.default.createFile(atPath: stale, contents: Data("half".utf8))
        _ = FileManager.default.createFile(atPath: foreign, contents: Data("someone else's".utf8))
        let notify = try NotifySocket()
        let daemon = try BackgroundProcess(
            executable: FeedctlBinary.feedd, arguments: ["--config", sandbox.configPath],
            environment: ["NOTIFY_SOCKET": notify.path])
        #expect(notify.waitFor("READY=1"), "\(daemon.standardError)")
        kill(daemon.process.processIdentifier, SIGTERM)
        #expect(daemon.waitForExit(seconds: 20))
        #expect(daemon.process.terminationStatus == 0, "\(daemon.standardError)")
        let left = try FileManager.default.contentsOfDirectory(atPath: digests)
        #expect(!left.contains { $0.hasPrefix(".") && $0.hasSuffix(".tmp") && $0 != ".notes.tmp" }, "\(left)")
        #expect(left.contains(".notes.tmp"), "a file feedd did not write stays")
        print(
            """
            FaultTests: \(rounds.count) rounds, \(kills) kills (\(unfinished) in the store's creation), \
            \(completedCycles) rounds with a whole cycle; then \
            \(articles.count) of \(expected) articles, \(articles.count - Set(articles).count) duplicates
            """)
    }

    /// A feed whose items carry several kilobytes of text each, none alike.
    static func paddedRSS(_ title: String, items: ClosedRange<Int>) -> String {
        let entries = items.map { number in
            let words = (0..<800).map { "w\($0 * 7919 % 1000)x\(number)" }.joined(separator: " ")
            return """
                <item><title>\(title) long story \(number)</title><link>https://example.org/\(title)/long/\(number)</link>
                <guid>\(title)-long-\(number)</guid><description>&lt;p&gt;\(words)&lt;/p&gt;</description></item>
                """
        }
        return """
            <?xml version="1.0"?><rss version="2.0"><channel><title>\(title)</title><link>https://example.org/</link>
            \(entries.joined(separator: "\n"))
            </channel></rss>
            """
    }

    /// "feed URL guid" of every stored article.
    static func articleKeys(_ sandbox: FeedctlSandbox) throws -> [String] {
        try sandbox.articles(["--limit", "100000"]).map { article in
            let feed = (article["feed"] as? [String: Any])?["url"] as? String ?? "?"
            return "\(feed) \(article["guid"] as? String ?? "?")"
        }
    }

    /// A pid no process has: a child that has exited and been waited for.
    static func deadPid() -> Int32 {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try? child.run()
        child.waitUntilExit()
        return child.processIdentifier
    }

    // MARK: full file systems

    /// Mounts a tmpfs of `size` (mount's syntax, "1m") at a new directory; nil when this process may not mount.
    static func mountTmpfs(size: String) -> String? {
        let directory = NSTemporaryDirectory() + "feedd-full-" + UUID().uuidString
        guard (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil
        else { return nil }
        guard Tmpfs.mount(on: directory, size: size) else {
            try? FileManager.default.removeItem(atPath: directory)
            return nil
        }
        return directory
    }

    static func unmount(_ directory: String) {
        Tmpfs.unmount(directory)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Whether a tmpfs can be mounted here (root, and not in a container that forbids it).
    static let canMount: Bool = {
        guard let directory = mountTmpfs(size: "64k") else { return false }
        unmount(directory)
        return true
    }()

    /// Fills the file system of `directory` with a file until no byte is left; returns the file's path.
    static func fill(_ directory: String) -> String {
        let path = directory + "/filler"
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0x55, count: 4096)
        // Bounded: a tmpfs of a few megabytes is full after a few thousand chunks.
        for _ in 0..<100_000 where chunk.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
        for _ in 0..<4096 where write(fd, chunk, 1) > 0 {}
        return path
    }

    static func waitUntil(seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }

    @Test(.enabled(if: FaultTests.canMount, "mounting a tmpfs needs root (CAP_SYS_ADMIN), which this run lacks"))
    func fullFileSystemsAreLoggedSurvivedAndRecoveredFrom() throws {
        guard let storeMount = Self.mountTmpfs(size: "8m") else { return }
        defer { Self.unmount(storeMount) }
        guard let digestMount = Self.mountTmpfs(size: "64k") else { return }
        defer { Self.unmount(digestMount) }
        let names = (0..<4).map { "full\($0)" }
        let server = try LoopbackHTTPServer(
            routes: Dictionary(
                uniqueKeysWithValues: names.map { ("/\($0).xml", .ok(NumberedFeed.rss($0, items: 1...2))) }),
            concurrent: true, keepAlive: true)
        defer { server.stop() }
        let sandbox = try FeedctlSandbox(
            extraTOML: """
                [digest]
                dir = \(FeedctlSandbox.tomlString(digestMount + "/digests"))

                \(names.map { "[[feed]]\nurl = \(FeedctlSandbox.tomlString(server.url("/\($0).xml")))\ninterval = \"1s\"\n" }.joined(separator: "\n"))
                """)
        // The store lives on the small file system; the configuration names it there.
        let storePath = storeMount + "/store.sqlite"
        let config = try String(contentsOfFile: sandbox.configPath, encoding: .utf8)
            .replacingOccurrences(
                of: FeedctlSandbox.tomlString(sandbox.storePath), with: FeedctlSandbox.tomlString(storePath))
        try Data(config.utf8).write(to: URL(fileURLWithPath: sandbox.configPath))

        // A store with the feeds' first articles, then a digest directory with no byte left.
        let first = try FeedctlBinary.run(["--config", sandbox.configPath, "--once"], executable: FeedctlBinary.feedd)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(try sandbox.articles(["--limit", "1000"]).count == 8)
        try FileManager.default.createDirectory(atPath: digestMount + "/digests", withIntermediateDirectories: true)
        _ = Self.fill(digestMount)

        let notify = try NotifySocket()
        let daemon = try BackgroundProcess(
            executable: FeedctlBinary.feedd, arguments: ["--config", sandbox.configPath],
            environment: ["NOTIFY_SOCKET": notify.path])
        #expect(notify.waitFor("READY=1"), "\(daemon.standardError)")
        // The first digest, owed after the first cycle, finds no space: an error, and no temporary file.
        #expect(
            Self.waitUntil(seconds: 20) { daemon.standardError.contains("digest not written") },
            "\(daemon.standardError)")
        #expect(daemon.standardError.contains("No space left on device"), "\(daemon.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: digestMount + "/digests") == [])

        // Now the store's file system fills up while the feeds grow: storing fails whole and is logged.
        for name in names {
            server.setRoute("/\(name).xml", .ok(Self.paddedRSS(name, items: 1...9)))
        }
        _ = Self.fill(storeMount)
        let failedStore = Self.waitUntil(seconds: 20) {
            kill(daemon.process.processIdentifier, SIGUSR1)
            Thread.sleep(forTimeInterval: 0.5)
            return daemon.standardError.contains("cannot store")
        }
        #expect(failedStore, "\(daemon.standardError)")
        // Each feed that could not be stored says why, in words a person can act on.
        let storeErrors = daemon.standardError.split(separator: "\n").filter { $0.contains("cannot store") }
        #expect(storeErrors.allSatisfy { $0.contains("no space left on the device; free some and try again") })
        #expect(daemon.isRunning, "\(daemon.standardError)")
        let during = try Self.articleKeys(sandbox)
        #expect(during.count == 8, "nothing half stored: \(during.count) articles")
        #expect(try sandbox.status(check: true)["integrity"] as? [String] == ["ok"])

        // Space returns: the next tick stores every article (the two first of each feed and its nine long ones) and
        // writes the digest, without help.
        #expect(Tmpfs.resize(storeMount, size: "64m"))
        #expect(Tmpfs.resize(digestMount, size: "16m"))
        let recovered = try Self.waitUntil(seconds: 40) {
            try Self.articleKeys(sandbox).count == 44
                && daemon.standardError.split(separator: "\n").contains {
                    $0.contains("digest written ")
                }
        }
        let articles = try Self.articleKeys(sandbox)
        #expect(recovered, "\(articles.count) articles\n\(daemon.standardError)")
        #expect(articles.count == 44)
        #expect(Set(articles).count == articles.count)
        #expect(try sandbox.status(check: true)["integrity"] as? [String] == ["ok"])
        let files = try FileManager.default.contentsOfDirectory(atPath: digestMount + "/digests")
        #expect(files.filter { $0.hasSuffix(".tmp") } == [], "\(files)")
        #expect(files.contains("latest.html"), "\(files)")
        #expect(daemon.isRunning)
        kill(daemon.process.processIdentifier, SIGTERM)
        #expect(daemon.waitForExit(seconds: 20))
        #expect(daemon.process.terminationStatus == 0, "\(daemon.standardError)")

        // Started on a full disk, feedd says so and exits 1, which systemd restarts (73 it would not); once there is
        // space it starts.
        let filler = Self.fill(storeMount)
        let refused = try FeedctlBinary.run(["--config", sandbox.configPath], executable: FeedctlBinary.feedd)
        #expect(refused.status == 1, "\(refused.standardError)")
        #expect(refused.standardError.contains("no space left on the device"), "\(refused.standardError)")
        try FileManager.default.removeItem(atPath: filler)
        let again = try FeedctlBinary.run(
            ["--config", sandbox.configPath, "--once"], executable: FeedctlBinary.feedd)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(try sandbox.status(check: true)["integrity"] as? [String] == ["ok"])
        #expect(try Self.articleKeys(sandbox).count == 44)
    }
}
