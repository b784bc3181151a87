import FeedStore
import Foundation
import Testing

/// App passwords and tokens in the store: hashes in, accounts out, tokens that expire and go with their password.
@Suite struct AccountTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func accountsAreListedByNameWithTheirLiveTokens() throws {
        let fixture = try TemporaryStore()
        try fixture.store.setAPIAccount(name: "tablet", passwordHash: "$h2", feverKeyHash: "f2", now: Self.now)
        try fixture.store.setAPIAccount(name: "phone", passwordHash: "$h1", feverKeyHash: "f1", now: Self.now)
        try fixture.store.addAPIToken(hash: "t1", account: "phone", lifetime: 60, now: Self.now)
        try fixture.store.addAPIToken(hash: "t2", account: "phone", lifetime: 60, now: Self.now)
        let accounts = try fixture.store.apiAccounts(now: Self.now.addingTimeInterval(30))
        #expect(accounts.map(\.name) == ["phone", "tablet"])
        #expect(accounts.map(\.tokens) == [2, 0])
        #expect(accounts.first?.lastUsedAt == Self.now)
        #expect(try fixture.store.apiPasswordHash(name: "phone") == "$h1")
        #expect(try fixture.store.apiAccount(feverKeyHash: "f2") == "tablet")
        #expect(try fixture.store.apiAccount(feverKeyHash: "nope") == nil)
    }

    @Test func aTokenExpiresAndCanBeExtended() throws {
        let fixture = try TemporaryStore()
        try fixture.store.setAPIAccount(name: "phone", passwordHash: "$h", feverKeyHash: "f", now: Self.now)
        try fixture.store.addAPIToken(hash: "t", account: "phone", lifetime: 100, now: Self.now)
        let found = try #require(try fixture.store.apiToken(hash: "t", now: Self.now.addingTimeInterval(99)))
        #expect(found.account == "phone")
        #expect(found.expires == Self.now.addingTimeInterval(100))
        #expect(try fixture.store.apiToken(hash: "t", now: Self.now.addingTimeInterval(100)) == nil)
        try fixture.store.extendAPIToken(
            hash: "t", until: Self.now.addingTimeInterval(500), now: Self.now.addingTimeInterval(50))
        #expect(try fixture.store.apiToken(hash: "t", now: Self.now.addingTimeInterval(400))?.account == "phone")
    }

    @Test func aNewPasswordOrARevocationTakesTheTokensAlong() throws {
        let fixture = try TemporaryStore()
        try fixture.store.setAPIAccount(name: "phone", passwordHash: "$h", feverKeyHash: "f", now: Self.now)
        try fixture.store.addAPIToken(hash: "t", account: "phone", lifetime: 100, now: Self.now)
        try fixture.store.setAPIAccount(name: "phone", passwordHash: "$new", feverKeyHash: "g", now: Self.now)
        #expect(try fixture.store.apiToken(hash: "t", now: Self.now) == nil)
        #expect(try fixture.store.apiAccount(feverKeyHash: "f") == nil)
        try fixture.store.addAPIToken(hash: "u", account: "phone", lifetime: 100, now: Self.now)
        #expect(try fixture.store.revokeAPIAccount(name: "phone"))
        #expect(try fixture.store.apiToken(hash: "u", now: Self.now) == nil)
        #expect(try fixture.store.apiPasswordHash(name: "phone") == nil)
        #expect(try !fixture.store.revokeAPIAccount(name: "phone"))
    }

    @Test func expiredTokensAreForgottenAtTheNextLogin() throws {
        let fixture = try TemporaryStore()
        try fixture.store.setAPIAccount(name: "phone", passwordHash: "$h", feverKeyHash: "f", now: Self.now)
        try fixture.store.addAPIToken(hash: "old", account: "phone", lifetime: 10, now: Self.now)
        try fixture.store.addAPIToken(hash: "new", account: "phone", lifetime: 10, now: Self.now.addingTimeInterval(20))
        #expect(try fixture.store.apiAccounts(now: Self.now.addingTimeInterval(20)).first?.tokens == 1)
        #expect(try fixture.store.apiToken(hash: "old", now: Self.now) == nil)
    }
}
