import ArgumentParser

/// `feedctl`: the owner's command line for feedd.
@main
struct Feedctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedctl",
        abstract: "Manage and query feedd, the feed aggregator daemon.",
        version: FeedctlVersion.string,
        subcommands: [ParseCommand.self]
    )
}

enum FeedctlVersion {
    static let string = "0.1.0"
}
