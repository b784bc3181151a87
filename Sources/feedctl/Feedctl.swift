import ArgumentParser
import FeedStore
import Foundation

/// `feedctl`: the owner's command line for feedd.
@main
struct Feedctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedctl",
        abstract: "Manage and query feedd, the feed aggregator daemon.",
        version: FeedctlVersion.string,
        subcommands: [
            AddCommand.self, RemoveCommand.self, ListCommand.self, ShowCommand.self, ArticlesCommand.self,
            SearchCommand.self, ReadCommand.self, UnreadCommand.self, ImportCommand.self, ExportCommand.self,
            RefreshCommand.self, StatusCommand.self, ParseCommand.self,
        ]
    )

    /// Runs the command; feedd's own errors become one line on standard error and exit status 1.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CommandError {
            reportError(error.description)
            Foundation.exit(1)
        } catch let error as StoreError {
            reportError(error.description)
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}

enum FeedctlVersion {
    static let string = "0.1.0"
}
