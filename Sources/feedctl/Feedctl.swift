internal import ArgumentParser
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
            RefreshCommand.self, StatusCommand.self, ParseCommand.self, FetchTextCommand.self, DigestCommand.self,
            RulesCommand.self, APICommand.self,
            StarCommand.self, UnstarCommand.self,
        ]
    )

    /// Runs the command; feedd's own errors become one line on standard error and exit status 1.
    static func main() {
        do {
            var command = try parseAsRoot(Self.movingConfigOption(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch let error as CommandError {
            reportError(error.description)
            Foundation.exit(1)
        } catch let error as StoreError {
            reportError(error.description)
            Foundation.exit(1)
        } catch {
            // Usage mistakes are one line too; --help and --version print as usual.
            let code = exitCode(for: error)
            if code == .validationFailure {
                reportError(message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments")
                Foundation.exit(code.rawValue)
            }
            exit(withError: error)
        }
    }

    /// `feedctl --config FILE COMMAND …` as DESIGN.md documents it: the option moves after the command name,
    /// where every command declares it.
    static func movingConfigOption(_ arguments: [String]) -> [String] {
        var arguments = arguments
        var moved: [String] = []
        while let first = arguments.first, first == "--config" || first.hasPrefix("--config=") {
            moved.append(arguments.removeFirst())
            if first == "--config", !arguments.isEmpty {
                moved.append(arguments.removeFirst())
            }
        }
        guard !moved.isEmpty, !arguments.isEmpty else {
            return moved + arguments
        }
        let command = arguments.removeFirst()
        return [command] + moved + arguments
    }
}

enum FeedctlVersion {
    static let string = "0.1.0"
}
