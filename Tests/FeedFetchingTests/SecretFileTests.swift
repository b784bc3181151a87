import Foundation
import TestSupport
import Testing

@testable import FeedFetching

@Suite struct SecretFileTests {
    @Test(arguments: [
        ("s3cret\n", "s3cret"),
        ("s3cret\r\n", "s3cret"),
        ("s3cret", "s3cret"),
        // Only one line break is the file's; a second is part of the secret.
        ("s3cret\n\n", "s3cret\n"),
        (" spaced secret ", " spaced secret "),
    ])
    func stripsOneTrailingLineBreak(contents: String, expected: String) throws {
        let directory = try TestDirectory(prefix: "secret")
        defer { directory.remove() }
        let path = try directory.write("secret", contents)
        #expect(try SecretFile.read(path) == Array(expected.utf8))
    }

    @Test func missingFileNamesThePath() throws {
        let directory = try TestDirectory(prefix: "secret")
        defer { directory.remove() }
        let path = directory.path("absent.secret")
        let error = #expect(throws: SecretFileError.self) { try SecretFile.read(path) }
        #expect(error?.description == "secret file \(path): No such file or directory")
    }

    @Test(arguments: ["", "\n", "\r\n"])
    func emptySecretIsAnError(contents: String) throws {
        let directory = try TestDirectory(prefix: "secret")
        defer { directory.remove() }
        let path = try directory.write("secret", contents)
        let error = #expect(throws: SecretFileError.self) { try SecretFile.read(path) }
        #expect(error?.description == "secret file \(path): is empty")
    }

    @Test func oversizedFileIsAnError() throws {
        let directory = try TestDirectory(prefix: "secret")
        defer { directory.remove() }
        let path = try directory.write("secret", String(repeating: "x", count: SecretFile.maxBytes + 1))
        let error = #expect(throws: SecretFileError.self) { try SecretFile.read(path) }
        #expect(error?.description == "secret file \(path): larger than 64 KiB")
    }

    @Test func directoryIsAnError() throws {
        let directory = try TestDirectory(prefix: "secret")
        defer { directory.remove() }
        let error = #expect(throws: SecretFileError.self) { try SecretFile.read(directory.url.path) }
        #expect(error?.description == "secret file \(directory.url.path): Is a directory")
    }
}
