import FeedStore
import Foundation
import TestSupport
import Testing

/// `feedctl api`: app passwords made, listed and revoked through the built feedctl.
@Suite struct APICommandTests {
    @Test func passwordIsPrintedOnceAndOnlyItsHashIsStored() throws {
        let sandbox = try FeedctlSandbox(extraTOML: "[api]\nlisten = \"127.0.0.1:8070\"\n")
        let text = try sandbox.succeed(["api", "password", "phone"])
        #expect(text.contains("Google Reader apps: server http://127.0.0.1:8070/greader, user phone"))
        #expect(text.contains("Fever apps: server http://127.0.0.1:8070/fever/, user phone"))
        let made = try #require(try sandbox.json(["api", "password", "tablet", "--json"]) as? [String: String])
        let password = try #require(made["password"])
        #expect(password.count == 24)
        #expect(made["fever_api_key"]?.count == 32)
        let store = try FeedStore(path: sandbox.storePath, role: .client, access: .existing)
        let hash = try #require(try store.apiPasswordHash(name: "tablet"))
        #expect(hash.hasPrefix("$argon2id$"))
        #expect(!hash.contains(password))
        let listed = try #require(try sandbox.json(["api", "list", "--json"]) as? [[String: Any]])
        #expect(listed.map { $0["name"] as? String } == ["phone", "tablet"])
        #expect(listed.allSatisfy { $0["last_used"] is NSNull && $0["tokens"] as? Int == 0 })
    }

    @Test func aNewPasswordReplacesTheOld() throws {
        let sandbox = try FeedctlSandbox()
        let first = try #require(try sandbox.json(["api", "password", "phone", "--json"]) as? [String: String])
        let second = try #require(try sandbox.json(["api", "password", "phone", "--json"]) as? [String: String])
        #expect(first["password"] != second["password"])
        let store = try FeedStore(path: sandbox.storePath, role: .client, access: .existing)
        #expect(try store.apiAccounts().count == 1)
        #expect(try store.apiAccount(feverKeyHash: "x") == nil)
    }

    @Test func withoutAnAPITableThePasswordSaysHowToTurnItOn() throws {
        let sandbox = try FeedctlSandbox()
        let text = try sandbox.succeed(["api", "password", "phone"])
        #expect(text.contains("The API is off: add an [api] table to"))
    }

    @Test func revokeRemovesTheAccountAndSaysSoOnce() throws {
        let sandbox = try FeedctlSandbox()
        _ = try sandbox.succeed(["api", "password", "phone"])
        #expect(try sandbox.succeed(["api", "revoke", "phone"]).contains("Revoked phone"))
        let again = try sandbox.run(["api", "revoke", "phone"])
        #expect(again.status == 1)
        #expect(again.standardError == "feedctl: no API account named 'phone' (feedctl api list shows them)\n")
        #expect(try sandbox.succeed(["api", "list"]) == "No API accounts. Make one with: feedctl api password NAME\n")
    }

    @Test(arguments: [
        (["api", "password"], "api password needs one account name"),
        (["api", "password", "a:b"], "account name 'a:b': expected 1 to 64 letters"),
        (["api", "password", "a/b"], "account name 'a/b': expected 1 to 64 letters"),
        (["api", "rotate", "x"], "expected password, list or revoke, got 'rotate'"),
        (["api", "list", "x"], "api list takes no name"),
    ])
    func refusesBadWords(arguments: [String], message: String) throws {
        let result = try FeedctlSandbox().run(arguments)
        #expect(result.status != 0)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }
}
