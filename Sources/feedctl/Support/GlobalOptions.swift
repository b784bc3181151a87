internal import ArgumentParser
import FeedConfig
import FeedPipeline
import FeedStore
import Foundation

/// `--config FILE`, accepted by every command that reads the configuration or the store.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The configuration file (default: $FEEDD_CONFIG, else /etc/feedd/feedd.toml).",
            valueName: "file"
        ),
        completion: .file(extensions: ["toml"])
    )
    var config: String?

    /// The configuration, or all defaults when no file is named and /etc/feedd/feedd.toml does not exist.
    func loadConfiguration() throws -> FeedConfiguration {
        do {
            return try FeedConfiguration.load(explicitPath: config)
        } catch {
            throw CommandError(error.description)
        }
    }

    /// The configuration and the store it names, for a command that changes the store: a missing store is created.
    func openStore() throws -> (FeedConfiguration, FeedStore) {
        try open(.create)
    }

    /// The configuration and the store it names, for a command that only reads it.
    ///
    /// Creates nothing: a missing store is a one-line error. A store this user may read but not write (one shared
    /// through its group, or on a read-only file system) is opened read-only and shown as it is.
    func openExistingStore() throws -> (FeedConfiguration, FeedStore) {
        try open(.existing)
    }

    private func open(_ access: FeedStore.Access) throws -> (FeedConfiguration, FeedStore) {
        let configuration = try loadConfiguration()
        do {
            let store = try FeedStore(path: configuration.store.path, role: .client, access: access)
            // The configuration's feeds are in the store before feedd first starts, so every command sees them;
            // a user who may only read the store sees them once feedd (or a writing command) has synced them.
            if !configuration.feeds.isEmpty && !store.isReadOnly {
                _ = try store.syncConfigFeeds(configuration.subscriptions)
            }
            return (configuration, store)
        } catch {
            throw CommandError(Self.message(for: error, configuration: configuration))
        }
    }

    /// The store error's line, with what a person at the command line can do about it.
    static func message(for error: StoreError, configuration: FeedConfiguration) -> String {
        switch error.kind {
        case .permissionDenied where geteuid() != 0:
            return error.description + "; run feedctl as root, e.g. sudo " + commandLine()
        case .noStore where !configuration.feeds.isEmpty:
            let file = configuration.sourcePath ?? "the configuration"
            let feeds = configuration.feeds.count == 1 ? "the feed" : "the \(configuration.feeds.count) feeds"
            return "no store at \(error.path) yet: start feedd to create it with \(feeds) of \(file)"
        default:
            return error.description
        }
    }

    /// This command line, quoted for a shell where it needs to be.
    private static func commandLine() -> String {
        let arguments = ["feedctl"] + CommandLine.arguments.dropFirst()
        return arguments.map { argument in
            let plain = argument.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (CharacterSet.alphanumerics.contains(scalar) || "-_./=:,@%+".unicodeScalars.contains(scalar))
            }
            return plain && !argument.isEmpty
                ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }
}

/// An error whose description is the whole one-line message feedctl prints.
struct CommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
