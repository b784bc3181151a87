import ArgumentParser
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

    /// The configuration and the store it names, opened (or created) for a client.
    func openStore() throws -> (FeedConfiguration, FeedStore) {
        let configuration = try loadConfiguration()
        do {
            let store = try FeedStore(path: configuration.store.path, role: .client)
            // The configuration's feeds are in the store before feedd first starts, so every command sees them.
            if !configuration.feeds.isEmpty {
                _ = try store.syncConfigFeeds(configuration.subscriptions)
            }
            return (configuration, store)
        } catch {
            throw CommandError(error.description)
        }
    }
}

/// An error whose description is the whole one-line message feedctl prints.
struct CommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
