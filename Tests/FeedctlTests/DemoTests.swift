import Foundation
import TestSupport
import Testing

/// `make run`'s demo (Config/demo/run) with the built binaries, as a newcomer sees it: it must end by showing the
/// stored articles, the syndicated story once with its other feeds, and a digest of the last day only.
@Suite(.serialized) struct DemoTests {
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// Runs the demo in a fresh directory (it writes `.demo/` where it runs) and returns its output and status.
    func runDemo() throws -> (status: Int32, output: String, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("feedd-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        let binaries = URL(fileURLWithPath: FeedctlBinary.path).deletingLastPathComponent().path
        process.arguments = [Self.repository.appendingPathComponent("Config/demo/run").path, binaries]
        process.currentDirectoryURL = directory
        // A file, not a pipe: a server the demo failed to stop would hold a pipe open, and the test with it.
        let outputURL = directory.appendingPathComponent("demo.out")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        defer { try? output.close() }
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: outputURL, encoding: .utf8), directory)
    }

    @Test func theDemoShowsTheDaemonAtWork() throws {
        let demo = try runDemo()
        defer { try? FileManager.default.removeItem(at: demo.directory) }
        #expect(demo.status == 0, "\(demo.output)")
        let lines = demo.output.split(separator: "\n").map(String.init)
        // feedd ran as a daemon: it fetched the five feeds and wrote its first digest before it was stopped.
        #expect(lines.contains { $0.contains("cycle ended ") && $0.contains(" feeds=5 fetched=5 ") }, "\(demo.output)")
        #expect(lines.contains { $0.contains("digest written ") }, "\(demo.output)")
        // The story three feeds carry is listed once, with the other two.
        let bridge = lines.filter { $0.contains("Harbor Bridge") }
        let listed = try #require(bridge.first { $0.contains("also in") }, "\(demo.output)")
        #expect(listed.contains("Morning Brief") && listed.contains("The Harbor Gazette"), "\(listed)")
        // The digest holds the last day: the fresh whale story, none of the research station's year of history.
        let digestStart = try #require(lines.firstIndex { $0.contains("first digest") })
        let digest = lines[digestStart...].joined(separator: "\n")
        #expect(digest.contains("Whale song recorded in the harbor"), "\(digest)")
        #expect(!digest.contains("Sea grass meadows"), "\(digest)")
        #expect(lines[digestStart...].filter { $0.hasPrefix("* Harbor Bridge") }.count == 1, "\(digest)")
        // It ends with where the HTML digest is, and that file exists.
        let htmlLine = try #require(lines.first { $0.contains(".html") }, "\(demo.output)")
        let htmlPath = try #require(htmlLine.split(separator: " ").last.map(String.init))
        #expect(FileManager.default.fileExists(atPath: htmlPath), "\(htmlPath)")
    }
}
