import Foundation
import TestSupport
import Testing

/// End-to-end: feedctl next to another process writing the same store, and a writer killed mid-transaction.
///
/// The writer is `feedd-store-bench ingest`, which stores its articles one transaction per batch, the way feedd
/// stores one feed's fetch. The suite is serialized so the two heavy tests do not compete for the same cores.
@Suite(.serialized) struct ConcurrencyTests {
    static let bench = BackgroundProcess.builtExecutable("feedd-store-bench")
    static let session = FeedctlBinary.fixtures.appendingPathComponent("session.atom")

    /// Polls `status --json` until `condition` holds for the article count or `attempts` run out; the last count.
    static func waitForArticles(
        _ sandbox: FeedctlSandbox, attempts: Int = 600, while writer: BackgroundProcess,
        until condition: (Int) -> Bool
    ) throws -> Int {
        var count = 0
        for _ in 0..<attempts {
            count = try sandbox.status()["articles"] as? Int ?? 0
            if condition(count) || !writer.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return count
    }

    @Test func feedctlReadsAndWritesWhileAnotherProcessIngests() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.bench), "build feedd-store-bench first")
        let sandbox = try FeedctlSandbox()
        // Distinct copies, so that every `add` is a write of its own.
        let iterations = 30
        var feeds: [String] = []
        for index in 0..<iterations {
            let copy = sandbox.directory.appendingPathComponent("feed-\(index).atom")
            try FileManager.default.copyItem(at: Self.session, to: copy)
            feeds.append(copy.absoluteString)
        }
        // A writing command creates the store, so that the writer below opens an existing one.
        _ = try sandbox.succeed(["read", "--all"])
        let writer = try BackgroundProcess(
            executable: Self.bench,
            arguments: [
                "ingest", "--store", sandbox.storePath, "--feeds", "50", "--articles", "20000", "--batch", "100",
            ])
        // Start once the writer is writing, so that the runs below overlap its transactions.
        let first = try Self.waitForArticles(sandbox, while: writer) { $0 > 0 }
        #expect(first > 0 || !writer.isRunning)

        var runs = 0
        var overlapping = 0
        var added = 0
        var slowest: [String: Double] = [:]
        // While the writer runs, and at least a few rounds should it finish first (a release build is fast).
        for index in 0..<iterations where writer.isRunning || index < 3 {
            let commands: [[String]] = [
                ["articles", "--limit", "20"],
                ["list"],
                ["read", "--all"],
                ["add", feeds[index]],
                ["search", "--json", "--limit", "3", "the"],
            ]
            for command in commands {
                let wasRunning = writer.isRunning
                let started = Date()
                let result = try sandbox.run(command)
                slowest[command[0]] = max(slowest[command[0], default: 0], Date().timeIntervalSince(started))
                runs += 1
                if wasRunning && writer.isRunning { overlapping += 1 }
                let error = result.standardError.lowercased()
                #expect(result.status == 0, "feedctl \(command): \(result.standardError)")
                #expect(!error.contains("locked") && !error.contains("busy"), "feedctl \(command): \(error)")
            }
            added += 1
        }
        #expect(writer.waitForExit(seconds: 300), "the writer did not finish")
        #expect(writer.process.terminationStatus == 0, "\(writer.standardError)")
        #expect(writer.standardOutput.contains("ingest: 20000 articles"), "\(writer.standardOutput)")
        // Nothing was lost on either side: the writer's articles and every feed feedctl added with its three.
        let status = try sandbox.status(check: true)
        #expect(status["integrity"] as? [String] == ["ok"])
        #expect(status["articles"] as? Int == 20_000 + 3 * added)
        #expect(status["feeds"] as? Int == 50 + added)
        // Not an assertion on timing: a record of how much of the work overlapped the writer.
        print("ConcurrencyTests: \(overlapping) of \(runs) feedctl runs overlapped the writer; slowest: \(slowest)")
    }

    @Test func killingAWriterMidTransactionLeavesWholeTransactions() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.bench), "build feedd-store-bench first")
        let sandbox = try FeedctlSandbox()
        // The store exists before the writer starts: reading commands never create one, and the first status would
        // otherwise race the writer's creating it.
        _ = try sandbox.succeed(["read", "--all"])
        let batch = 100
        for round in 1...2 {
            let writer = try BackgroundProcess(
                executable: Self.bench,
                arguments: [
                    "ingest", "--store", sandbox.storePath, "--feeds", "20", "--articles", "30000", "--batch",
                    "\(batch)",
                ])
            let before = try sandbox.status()["articles"] as? Int ?? 0
            let seen = try Self.waitForArticles(sandbox, while: writer) { $0 >= before + 5 * batch }
            #expect(
                writer.isRunning, "round \(round): the writer ended before it could be killed: \(writer.standardError)")
            #expect(seen > before)
            #expect(writer.killHard())

            let status = try sandbox.status(check: true)
            #expect(status["integrity"] as? [String] == ["ok"], "round \(round)")
            let articles = try #require(status["articles"] as? Int)
            #expect(articles >= seen)
            #expect(articles % batch == 0, "round \(round): \(articles) articles is not whole transactions of \(batch)")
            // The store takes writes again at once.
            let read = try sandbox.succeed(["read", "--all"])
            #expect(read == "Marked \(articles) articles read.\n" || round > 1)
        }
    }
}
