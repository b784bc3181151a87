internal import ArgumentParser
import FeedModel
import FeedStore
import Foundation

/// `feedctl read ID...`: prints articles and marks them read.
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Print articles and mark them read.",
        discussion: "With --all, marks every unread article (of --feed, if given) read without printing."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .shortAndLong, help: "Only mark the articles read; print nothing.")
    var quiet = false

    @Flag(help: "Mark every unread article read.")
    var all = false

    @Option(help: ArgumentHelp("With --all: only this feed (id or URL).", valueName: "feed"))
    var feed: String?

    @Argument(help: "Article ids, as `feedctl articles` shows them.")
    var ids: [Int64] = []

    func validate() throws {
        if all == !ids.isEmpty {
            throw ValidationError(
                all ? "give article ids or --all, not both" : "give at least one article id, or --all")
        }
    }

    func run() throws {
        let (_, store) = try global.openStore()
        if all {
            let feedID = try feed.map { try store.feed($0).id }
            let count = try store.markAllRead(feedID: feedID)
            print("Marked \(Plural.count(count, "article")) read.")
            return
        }
        let terminal = Terminal.standardOutput
        var missing: [Int64] = []
        for (index, id) in ids.enumerated() {
            guard let article = try store.article(id: id) else {
                missing.append(id)
                continue
            }
            if !quiet {
                if index > 0 { print("") }
                print(terminal.paint(article.title ?? "(untitled)", .bold))
                let date = TimeText.local(article.published ?? article.fetched)
                let authors = article.authors.compactMap { $0.name ?? $0.email }.joined(separator: ", ")
                print(
                    terminal.paint(
                        [article.feed.title, authors, date].filter { !$0.isEmpty }.joined(separator: " · "), .dim))
                if let link = article.link {
                    print(terminal.paint(link, .cyan))
                }
                print("")
                print(article.contentText ?? article.summary ?? "(no text)")
            }
        }
        try store.setRead(ids.filter { !missing.contains($0) }, read: true)
        if !missing.isEmpty {
            throw CommandError("no article \(missing.map(String.init).joined(separator: ", ")) in \(store.path)")
        }
    }
}

/// `feedctl unread ID...`: marks articles unread again.
struct UnreadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unread",
        abstract: "Mark articles unread."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Article ids.")
    var ids: [Int64]

    func run() throws {
        let (_, store) = try global.openStore()
        let found = try store.setRead(ids, read: false)
        let missing = ids.filter { !found.contains($0) }
        if !missing.isEmpty {
            throw CommandError("no article \(missing.map(String.init).joined(separator: ", ")) in \(store.path)")
        }
        print("Marked \(Plural.count(found.count, "article")) unread.")
    }
}
