internal import ArgumentParser
import FeedAccess
import FeedConfig
import FeedModel
import FeedStore
import Foundation

/// `feedctl api password NAME`, `feedctl api list` and `feedctl api revoke NAME`: the app passwords reader apps
/// log in to feedd's API with.
///
/// One command whose first word picks what to do, rather than subcommands, so that `--config` goes after `api` as
/// it does after every other command.
struct APICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Make, list or revoke the app passwords of the API for reader apps.",
        discussion: """
            api password NAME: makes a new random app password for NAME (replacing the one it had, whose logins \
            stop working) and prints it once; only a slow salted hash of it is stored. api list: the accounts, \
            when each was made and last used, and their live Google Reader tokens. api revoke NAME: deletes the \
            account with its tokens. A name is 1 to 64 letters, digits, '.', '_', '@' or '-'.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(
        help: ArgumentHelp("password, list (the default) or revoke, then the account's name.", valueName: "action"))
    var words: [String] = []

    @Flag(help: "Print JSON: the new password with its Fever key, or the accounts.")
    var json = false

    func validate() throws {
        let action = words.first ?? "list"
        guard ["password", "list", "revoke"].contains(action) else {
            throw ValidationError("expected password, list or revoke, got '\(action)'")
        }
        if action == "list", words.count > 1 {
            throw ValidationError("api list takes no name")
        }
        if action != "list" {
            guard words.count == 2 else {
                throw ValidationError("api \(action) needs one account name")
            }
            if let problem = Self.nameProblem(words[1]) {
                throw ValidationError(problem)
            }
        }
    }

    func run() throws {
        switch words.first ?? "list" {
        case "password": try makePassword(for: words[1])
        case "revoke": try revoke(words[1])
        default: try list()
        }
    }

    /// Why `name` cannot be an account's name, or nil. Colons and slashes are out: Basic authentication and Fever
    /// keys put "NAME:PASSWORD" together, and tokens are "NAME/RANDOM".
    static func nameProblem(_ name: String) -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._@-")
        guard (1...64).contains(name.count), name.allSatisfy(allowed.contains) else {
            return "account name '\(name)': expected 1 to 64 letters, digits, '.', '_', '@' or '-'"
        }
        return nil
    }

    private func makePassword(for name: String) throws {
        let (configuration, store) = try global.openStore()
        let password = AppPassword.generate()
        let feverKey = AppPassword.feverKey(name: name, password: password)
        do {
            try store.setAPIAccount(
                name: name, passwordHash: try AppPassword.hash(password),
                feverKeyHash: SecretDigest.sha256(feverKey))
        } catch let error as StoreError {
            throw CommandError(error.description)
        } catch {
            throw CommandError("\(error)")
        }
        if json {
            JSONWriter.printValue { writer in
                writer.beginObject()
                writer.field("name", name)
                writer.field("password", password)
                writer.field("fever_api_key", feverKey)
                writer.endObject()
            }
            return
        }
        var lines = [
            "App password for \(name) (shown only now; `feedctl api password \(name)` again replaces it):", "",
            "    \(password)", "",
        ]
        if let api = configuration.api {
            let base = api.baseURL ?? "http://\(api.listen)"
            lines += [
                "Google Reader apps: server \(base)/greader, user \(name), this password.",
                "Fever apps: server \(base)/fever/, user \(name), this password.",
                "Digests: \(base)/digest/latest.html, user \(name), this password.",
            ]
        } else {
            let file = configuration.sourcePath ?? "feedd.toml"
            lines.append("The API is off: add an [api] table to \(file) and restart feedd.")
        }
        print(lines.joined(separator: "\n"))
    }

    private func revoke(_ name: String) throws {
        let (_, store) = try global.openStore()
        let revoked: Bool
        do {
            revoked = try store.revokeAPIAccount(name: name)
        } catch {
            throw CommandError(error.description)
        }
        guard revoked else {
            throw CommandError("no API account named '\(name)' (feedctl api list shows them)")
        }
        print("Revoked \(name): its password and tokens no longer work.")
    }

    private func list() throws {
        let (_, store) = try global.openExistingStore()
        let accounts: [APIAccount]
        do {
            accounts = try store.apiAccounts()
        } catch {
            throw CommandError(error.description)
        }
        if json {
            JSONWriter.printArray(accounts) { writer, account in
                writer.beginObject()
                writer.field("name", account.name)
                writer.field("created", Timestamp.rfc3339(account.createdAt))
                writer.field("last_used", account.lastUsedAt.map(Timestamp.rfc3339))
                writer.field("tokens", account.tokens)
                writer.endObject()
            }
            return
        }
        guard !accounts.isEmpty else {
            print("No API accounts. Make one with: feedctl api password NAME")
            return
        }
        for account in accounts {
            let used = account.lastUsedAt.map { "last used " + TimeText.relative($0) } ?? "never used"
            let tokens = account.tokens == 1 ? "1 token" : "\(account.tokens) tokens"
            print("\(account.name)  made \(TimeText.local(account.createdAt)), \(used), \(tokens)")
        }
    }
}
