import Testing

@testable import FeedAccess

@Suite struct AppPasswordTests {
    @Test func generatedPasswordsAreLongAndUnambiguous() {
        let passwords = (0..<50).map { _ in AppPassword.generate() }
        #expect(Set(passwords).count == passwords.count)
        for password in passwords {
            #expect(password.count == AppPassword.length)
            #expect(password.allSatisfy { "abcdefghijkmnpqrstuvwxyz23456789".contains($0) })
        }
    }

    @Test func aHashAcceptsItsPasswordOnly() throws {
        let hash = try AppPassword.hash("correct horse")
        #expect(hash.hasPrefix("$argon2id$"))
        #expect(!hash.contains("correct horse"))
        #expect(AppPassword.verify("correct horse", against: hash))
        #expect(!AppPassword.verify("correct horsf", against: hash))
        #expect(!AppPassword.verify("", against: hash))
        #expect(!AppPassword.verify("correct horse", against: "not a hash"))
        #expect(!AppPassword.verify("correct horse", against: String(repeating: "x", count: 1000)))
    }

    @Test func twoHashesOfOnePasswordDifferByTheirSalt() throws {
        let first = try AppPassword.hash("same")
        let second = try AppPassword.hash("same")
        #expect(first != second)
    }

    /// The Fever key apps compute: md5 of "NAME:PASSWORD", in lowercase hexadecimal.
    @Test func feverKeyIsTheMD5OfNameAndPassword() {
        // md5("reader:secret"), as `printf %s reader:secret | md5sum` prints it.
        #expect(AppPassword.feverKey(name: "reader", password: "secret") == "d86e2552797d076a6178f7b038ad6b69")
    }
}
