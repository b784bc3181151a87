internal import ArgumentParser
import FeedStore

/// `feedctl remove URL|ID`: unsubscribes at once and says what went.
struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a feed and its articles (feeds from the configuration file are removed there)."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The feed's id or URL.")
    var feed: String

    func run() throws {
        let (configuration, store) = try global.openStore()
        let removed = try store.removeFeed(feed, configFile: configuration.sourcePath)
        print(
            "Removed #\(removed.id) \(removed.displayTitle) (\(removed.url)) and its \(Plural.count(removed.articleCount, "article"))."
        )
    }
}
