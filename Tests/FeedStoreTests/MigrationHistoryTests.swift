import Foundation
import GRDB
import Synchronization
import TestSupport
import Testing

@testable import FeedStore

/// Migrations are append-only: once a migration has shipped, the SQL it runs never changes, because a store that
/// already ran it would never run the new version (StoreSchema, ARCHITECTURE.md "The store").
///
/// Each migration runs on an empty in-memory database with GRDB's statement trace on; the SQL it executed, less
/// comments and spacing, is hashed with SHA-256 and compared with the hash recorded below when it was released.
/// Helpers a migration calls are covered too, since their SQL is what the trace sees. GRDB's own bookkeeping
/// (transactions, `grdb_migrations`, its foreign-key switches and checks) is left out, so that a GRDB upgrade
/// does not read as a changed migration; the failure prints the SQL that ran, to compare with the migration.
@Suite struct MigrationHistoryTests {
    /// Every released migration, in order, with the SHA-256 of its normalised SQL.
    ///
    /// Append a migration here when it is released, with the hash this test reports for it; never edit a line.
    /// v2 was edited once after it was first committed, before any release: its hash records the form it has now.
    static let recorded: [(identifier: String, sha256: String)] = [
        ("v1", "5cca56b13edfd2eb3ac56c20f72d5462d89fbf3176f8d1ba54cc6797f86c1d32"),
        ("v2", "d1f39100543c8d6ffe6b48b6d68bbae5e024feeb3e451bcc247223233783232c"),
        ("v3-feed-identity", "edbfe1a9a30b3d23d568e7c21c3d9df38ccb92b744cf0d5e48aa194085b4d980"),
        ("v4-schedule-reason", "2ea096e139bb15f93cd5e559f3b11f56807baab142aab42732cc28ac46ccbe9f"),
        ("v5-lead-hash", "404f046b273f9bc17e510331ea9c5ff12abef385cd6cb5f8c8315be4b886e8f7"),
        ("v6-rules-alerts", "0fda6713e9c17e39437baf25066ffd355b44d7bfbd471bda4c8dc33242be91ac"),
        ("v7-feed-options", "9f287e570e5ce9044e9eb0921e903f65d1329c1b65e9f9f71d841a0b73dcac05"),
        ("v8-api-accounts", "dad9ca655ab662d133f47e934e3f0baacd909b4d818b3ee3cd6b9c63d523567b"),
        ("v9-lean-store", "8a523aafa00d28aa772e878ab35877dbe575e7f7d2e63b4f8a45be6278cf5841"),
    ]

    /// The statements GRDB traced on the database's connection.
    final class StatementLog: Sendable {
        private let statements = Mutex<[String]>([])

        func append(_ sql: String) {
            statements.withLock { $0.append(sql) }
        }

        /// The statements logged since the last call.
        func take() -> [String] {
            statements.withLock { logged in
                defer { logged = [] }
                return logged
            }
        }
    }

    @Test func releasedMigrationsAreUnchanged() throws {
        let migrator = StoreSchema.migrator
        let identifiers = recordedIdentifiers
        #expect(
            Array(migrator.migrations.prefix(identifiers.count)) == identifiers,
            "migrations are append-only: the released ones come first, in order, none removed or renamed")
        let executed = try Self.executedSQL(migrator)
        for (identifier, sha256) in Self.recorded {
            guard let sql = executed[identifier] else {
                continue
            }
            let actual = SHA256.hex(Array(sql.utf8))
            #expect(
                actual == sha256,
                """
                migration \(identifier) changed: migrations are append-only; add a new one \
                (SHA-256 \(actual), recorded \(sha256)). It ran:
                \(sql)
                """)
        }
    }

    /// A migration that is not recorded yet is an unreleased one: say what to record when it ships.
    @Test func everyMigrationIsRecorded() throws {
        let migrator = StoreSchema.migrator
        let executed = try Self.executedSQL(migrator)
        for identifier in migrator.migrations where !recordedIdentifiers.contains(identifier) {
            let sha256 = SHA256.hex(Array((executed[identifier] ?? "").utf8))
            Issue.record(
                """
                migration \(identifier) is not recorded: append ("\(identifier)", "\(sha256)") to \
                MigrationHistoryTests.recorded when it is released
                """)
        }
    }

    @Test(
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ] as [(String, String)])
    func sha256MatchesTheStandardsVectors(input: String, expected: String) {
        #expect(SHA256.hex(Array(input.utf8)) == expected)
    }

    @Test(
        arguments: [
            ("-- a comment\nCREATE TABLE t (\n    a TEXT -- why\n)", "CREATE TABLE t ( a TEXT )"),
            (
                "INSERT INTO t VALUES ('--not a comment', \"a -- b\")",
                "INSERT INTO t VALUES ('--not a comment', \"a -- b\")"
            ),
            ("-- TRIGGER t_ai", ""),
        ] as [(String, String)])
    func normalisationDropsCommentsAndSpacing(sql: String, expected: String) {
        #expect(Self.normalised(sql) == expected)
    }

    private var recordedIdentifiers: [String] { Self.recorded.map(\.identifier) }

    /// The normalised SQL each migration executed on an empty database, one statement a line.
    static func executedSQL(_ migrator: DatabaseMigrator) throws -> [String: String] {
        let log = StatementLog()
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event {
                    log.append(statement.sql)
                }
            }
        }
        let queue = try DatabaseQueue(configuration: configuration)
        _ = log.take()
        var executed: [String: String] = [:]
        for identifier in migrator.migrations {
            try migrator.migrate(queue, upTo: identifier)
            executed[identifier] = log.take().map(normalised).filter { !$0.isEmpty && !isBookkeeping($0) }
                .joined(separator: "\n")
        }
        return executed
    }

    /// What GRDB runs around every migration, whatever the migration is.
    static func isBookkeeping(_ sql: String) -> Bool {
        let upper = sql.uppercased()
        let transactionControl = ["BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "END"]
        return transactionControl.contains { upper == $0 || upper.hasPrefix($0 + " ") }
            || upper.contains("GRDB_MIGRATIONS") || upper.contains("FOREIGN_KEY")
    }

    /// `sql` without `--` comments and with every run of white space one space, so that a comment or the
    /// indentation of a migration may be improved; the quoted text of literals and identifiers is kept as it is.
    static func normalised(_ sql: String) -> String {
        var output = ""
        var quote: Character?
        var inComment = false
        var pendingSpace = false
        var characters = sql.makeIterator()
        var next = characters.next()
        while let character = next {
            next = characters.next()
            if inComment {
                inComment = character != "\n"
                pendingSpace = true
                continue
            }
            if let open = quote {
                output.append(character)
                quote = character == open ? nil : open
                continue
            }
            if character == "-" && next == "-" {
                inComment = true
                continue
            }
            if character.isWhitespace {
                pendingSpace = true
                continue
            }
            if pendingSpace && !output.isEmpty {
                output.append(" ")
            }
            pendingSpace = false
            if character == "'" || character == "\"" {
                quote = character
            }
            output.append(character)
        }
        return output
    }
}
