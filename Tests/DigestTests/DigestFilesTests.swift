import FeedConfig
import Foundation
import Testing

@testable import Digest

@Suite struct DigestFilesTests {
    /// A fresh directory per test, removed afterwards.
    private static func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
        let path = NSTemporaryDirectory() + "digest-files-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path)
    }

    private static func listing(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    @Test func fileNames() {
        #expect(DigestFiles.fileName(day: "2026-11-29", format: .html) == "2026-11-29.html")
        #expect(DigestFiles.fileName(day: "2026-11-29", format: .markdown) == "2026-11-29.md")
        #expect(DigestFiles.fileName(day: "2026-11-29", format: .text) == "2026-11-29.txt")
    }

    @Test func writesEveryFormatAndLatest() throws {
        try Self.withTemporaryDirectory { root in
            let directory = root + "/nested/digests"
            let digest = Fixtures.build([Fixtures.article(id: 1, feed: 1)])
            let renders = DigestFormat.allCases.map { ($0, DigestRenderer.render(digest, as: $0)) }
            let written = try DigestFiles.write(renders, day: digest.day, to: directory)
            #expect(
                written == [
                    directory + "/2026-11-29.html", directory + "/2026-11-29.md", directory + "/2026-11-29.txt",
                    directory + "/latest.html",
                ])
            #expect(
                try Self.listing(directory) == ["2026-11-29.html", "2026-11-29.md", "2026-11-29.txt", "latest.html"])
            for (format, content) in renders {
                let path = directory + "/" + DigestFiles.fileName(day: digest.day, format: format)
                #expect(try String(contentsOfFile: path, encoding: .utf8) == content)
            }
            #expect(try String(contentsOfFile: directory + "/latest.html", encoding: .utf8) == renders[0].1)
            let attributes = try FileManager.default.attributesOfItem(atPath: directory)
            #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o700 } == 0o700)
        }
    }

    @Test func noLatestWithoutHTMLAndOverwrites() throws {
        try Self.withTemporaryDirectory { directory in
            _ = try DigestFiles.write([(.markdown, "old")], day: "2026-11-29", to: directory)
            let written = try DigestFiles.write(
                [(.markdown, "new"), (.text, "plain")], day: "2026-11-29", to: directory)
            #expect(written.map { ($0 as NSString).lastPathComponent } == ["2026-11-29.md", "2026-11-29.txt"])
            #expect(try Self.listing(directory) == ["2026-11-29.md", "2026-11-29.txt"])
            #expect(try String(contentsOfFile: directory + "/2026-11-29.md", encoding: .utf8) == "new")
        }
    }

    @Test func failedRenameLeavesThePreviousFileIntact() throws {
        try Self.withTemporaryDirectory { directory in
            _ = try DigestFiles.write([(.html, "<p>yesterday</p>")], day: "2026-11-29", to: directory)
            let target = directory + "/2026-11-29.html"
            // As if the process died between writing the temporary file and renaming it.
            var attempted: [(String, String)] = []
            let error = #expect(throws: DigestFileError.self) {
                _ = try DigestFiles.write([(.html, "<p>today</p>")], day: "2026-11-29", to: directory) { from, to in
                    attempted.append((from, to))
                    errno = EIO
                    return -1
                }
            }
            #expect(error?.path == target)
            #expect(error?.operation == "rename")
            #expect(error?.description == "cannot write digest file \(target): rename failed: Input/output error")
            #expect(attempted.count == 1)
            #expect(attempted.first?.1 == target)
            #expect(attempted.first.map { ($0.0 as NSString).deletingLastPathComponent } == directory)
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "<p>yesterday</p>")
            #expect(try String(contentsOfFile: directory + "/latest.html", encoding: .utf8) == "<p>yesterday</p>")
            #expect(try Self.listing(directory) == ["2026-11-29.html", "latest.html"])
        }
    }

    @Test func unwritableDirectoryNamesThePath() throws {
        try Self.withTemporaryDirectory { root in
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            let file = root + "/not-a-directory"
            try Data("x".utf8).write(to: URL(fileURLWithPath: file))

            let direct = #expect(throws: DigestFileError.self) {
                _ = try DigestFiles.write([(.text, "t")], day: "2026-11-29", to: file)
            }
            #expect(direct?.description == "cannot write digest file \(file): create directory failed: Not a directory")

            let below = #expect(throws: DigestFileError.self) {
                _ = try DigestFiles.write([(.text, "t")], day: "2026-11-29", to: file + "/sub")
            }
            #expect(below?.path == file + "/sub")
            #expect(below?.reason == "Not a directory")
            #expect(below.map { !$0.description.contains("\n") } == true)
        }
    }

    @Test func readOnlyDirectoryFailsWithoutLeftovers() throws {
        // Root ignores permissions, so this only means something for ordinary users.
        guard getuid() != 0 else { return }
        try Self.withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            chmod(directory, 0o555)
            defer { chmod(directory, 0o755) }
            let error = #expect(throws: DigestFileError.self) {
                _ = try DigestFiles.write([(.text, "t")], day: "2026-11-29", to: directory)
            }
            #expect(
                error?.description == "cannot write digest file \(directory)/2026-11-29.txt: "
                    + "create temporary file failed: Permission denied")
            #expect(try Self.listing(directory) == [])
        }
    }

    @Test func aWriteRemovesTheTemporaryFilesOfDeadWritersOnly() throws {
        try Self.withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            // pid 0x7fffffff is beyond pid_max: no process has it. pid 1 is alive, so its file is another writer's.
            let dead = ".latest.html.2147483647.42.tmp"
            let alive = ".2026-11-29.md.1.42.tmp"
            for name in [dead, alive, ".notes.tmp", "draft.2147483647.1.tmp"] {
                #expect(FileManager.default.createFile(atPath: directory + "/" + name, contents: Data("x".utf8)))
            }
            _ = try DigestFiles.write([(.text, "t")], day: "2026-11-29", to: directory)
            #expect(
                try Self.listing(directory) == [
                    ".2026-11-29.md.1.42.tmp", ".notes.tmp", "2026-11-29.txt", "draft.2147483647.1.tmp",
                ])
        }
    }

    @Test func temporaryFileNames() {
        #expect(DigestFiles.temporaryFileOwner(".latest.html.123.4000000000.tmp") == 123)
        #expect(DigestFiles.temporaryFileOwner(".2026-11-29.md.9.0.tmp") == 9)
        #expect(DigestFiles.temporaryFileOwner(".notes.tmp") == nil)
        #expect(DigestFiles.temporaryFileOwner("..1.2.tmp") == nil)
        #expect(DigestFiles.temporaryFileOwner(".a.x.2.tmp") == nil)
        #expect(DigestFiles.temporaryFileOwner("a.1.2.tmp") == nil)
    }
}
