import Foundation
internal import GRDB

/// The API's app passwords and login tokens. Hashes only: the password as an Argon2id string, the Fever key and
/// the tokens as SHA-256 (they are long random values already), made by the caller (FeedAccess).
extension FeedStore {
    /// Creates the account `name`, or replaces its password; a replaced password's tokens stop working.
    public func setAPIAccount(name: String, passwordHash: String, feverKeyHash: String, now: Date = Date())
        throws(StoreError)
    {
        try write { db in
            try db.execute(sql: "DELETE FROM api_token WHERE account = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM api_account WHERE name = ?", arguments: [name])
            try db.execute(
                sql: """
                    INSERT INTO api_account (name, password_hash, fever_key_hash, created_at)
                    VALUES (?, ?, ?, ?)
                    """,
                arguments: [name, passwordHash, feverKeyHash, now.timeIntervalSince1970])
        }
    }

    /// Every account, by name, with its live tokens counted.
    public func apiAccounts(now: Date = Date()) throws(StoreError) -> [APIAccount] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT name, created_at, last_used_at,
                        (SELECT count(*) FROM api_token WHERE account = name AND expires_at > ?)
                    FROM api_account ORDER BY name
                    """,
                arguments: [now.timeIntervalSince1970]
            ).map { row in
                APIAccount(
                    name: row[0], createdAt: Date(timeIntervalSince1970: row[1]),
                    lastUsedAt: StoredFeed.date(row[2]), tokens: row[3])
            }
        }
    }

    /// Deletes the account and its tokens; false when there was none.
    public func revokeAPIAccount(name: String) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM api_token WHERE account = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM api_account WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    /// The Argon2id string of the account's password, or nil when there is no such account.
    public func apiPasswordHash(name: String) throws(StoreError) -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT password_hash FROM api_account WHERE name = ?", arguments: [name])
        }
    }

    /// The account whose Fever key hashes to `feverKeyHash`, or nil.
    public func apiAccount(feverKeyHash: String) throws(StoreError) -> String? {
        try read { db in
            try String.fetchOne(
                db, sql: "SELECT name FROM api_account WHERE fever_key_hash = ?", arguments: [feverKeyHash])
        }
    }

    /// Records a new login token for `account`, valid for `lifetime`, and forgets the expired ones.
    public func addAPIToken(hash: String, account: String, lifetime: TimeInterval, now: Date = Date())
        throws(StoreError)
    {
        try write { db in
            let time = now.timeIntervalSince1970
            try db.execute(sql: "DELETE FROM api_token WHERE expires_at <= ?", arguments: [time])
            try db.execute(
                sql:
                    "INSERT OR REPLACE INTO api_token (token_hash, account, created_at, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [hash, account, time, time + lifetime])
            try db.execute(
                sql: "UPDATE api_account SET last_used_at = ? WHERE name = ?", arguments: [time, account])
        }
    }

    /// The account of a token that has not expired and when it expires, or nil.
    public func apiToken(hash: String, now: Date = Date()) throws(StoreError) -> (account: String, expires: Date)? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT account, expires_at FROM api_token WHERE token_hash = ? AND expires_at > ?",
                arguments: [hash, now.timeIntervalSince1970]
            ).map { (account: $0[0], expires: Date(timeIntervalSince1970: $0[1])) }
        }
    }

    /// Gives a token a new expiry, and notes the use on its account.
    public func extendAPIToken(hash: String, until expires: Date, now: Date = Date()) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "UPDATE api_token SET expires_at = ? WHERE token_hash = ?",
                arguments: [expires.timeIntervalSince1970, hash])
            try db.execute(
                sql: """
                    UPDATE api_account SET last_used_at = ?
                    WHERE name = (SELECT account FROM api_token WHERE token_hash = ?)
                    """,
                arguments: [now.timeIntervalSince1970, hash])
        }
    }

    /// Notes that `account` was used (a login by password or Fever key).
    public func touchAPIAccount(name: String, now: Date = Date()) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "UPDATE api_account SET last_used_at = ? WHERE name = ?",
                arguments: [now.timeIntervalSince1970, name])
        }
    }
}
