internal import ArgumentParser
import FeedModel
import FeedStore
import Foundation

/// `feedctl list`: every subscription with its state.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the subscribed feeds and their health."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print a JSON array.")
    var json = false

    func run() throws {
        let (_, store) = try global.openExistingStore()
        let feeds = try store.feeds()
        if json {
            JSONWriter.printArray(feeds) { $0.feed($1) }
            return
        }
        let terminal = Terminal.standardOutput
        guard !feeds.isEmpty else {
            print("No feeds yet. Add one with: feedctl add URL")
            return
        }
        let now = Date()
        var table = TextTable([
            .init(title: "ID", alignRight: true), .init(title: "TITLE", shrinks: true), .init(title: "STATE"),
            .init(title: "LAST SUCCESS"), .init(title: "NEXT", alignRight: false),
            .init(title: "ARTICLES", alignRight: true),
        ])
        for feed in feeds {
            let (state, style) = Self.state(of: feed, now: now)
            let plain = [
                "\(feed.id)", feed.displayTitle, state,
                feed.lastSuccessAt.map { TimeText.relative($0, now: now) } ?? "never",
                ScheduleText.listCell(feed, now: now),
                "\(feed.articleCount)",
            ]
            var shown = plain
            shown[2] = terminal.paint(state, style)
            table.append(plain: plain, shown: shown)
        }
        print(table.render(width: terminal.width, terminal: terminal), terminator: "")
    }

    /// "ok", "new", "failing since 3h ago", "gone since 2d ago", with the colour that goes with it.
    static func state(of feed: StoredFeed, now: Date) -> (String, Terminal.Style) {
        switch feed.state {
        case .new: return ("new", .cyan)
        case .ok: return ("ok", .green)
        case .failing(let since): return ("failing since \(TimeText.relative(since, now: now))", .red)
        case .gone(let since): return ("gone since \(TimeText.relative(since, now: now))", .yellow)
        }
    }
}
