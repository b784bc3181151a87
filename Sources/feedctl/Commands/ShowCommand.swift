internal import ArgumentParser
import FeedConfig
import FeedModel
import FeedStore
import Foundation

/// `feedctl show URL|ID`: everything about one feed.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show everything about one feed, including its last error in full."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print a JSON object.")
    var json = false

    @Argument(help: "The feed's id (as `feedctl list` shows it) or URL.")
    var feed: String

    func run() throws {
        let (_, store) = try global.openExistingStore()
        let feed = try store.feed(self.feed)
        if json {
            JSONWriter.printValue { $0.feed(feed) }
            return
        }
        let terminal = Terminal.standardOutput
        let now = Date()
        let (state, style) = ListCommand.state(of: feed, now: now)
        func time(_ date: Date?) -> String {
            date.map { "\(TimeText.local($0)) (\(TimeText.relative($0, now: now)))" } ?? "never"
        }
        var lines: [(String, String)] = [
            ("Title", feed.displayTitle),
            ("URL", feed.url),
            ("Site", feed.siteLink ?? "-"),
            ("Id", "\(feed.id)"),
            ("Source", feed.source == .config ? "configuration file" : "feedctl"),
            ("Tags", feed.tags.isEmpty ? "-" : feed.tags.joined(separator: ", ")),
            ("Interval", feed.interval.map(DurationSyntax.format) ?? "default"),
            ("State", terminal.paint(state, style)),
            ("Added", time(feed.addedAt)),
            ("Last attempt", time(feed.lastAttemptAt)),
            ("Last success", time(feed.lastSuccessAt)),
            ("Last status", feed.lastStatus.map(String.init) ?? "-"),
            ("Failures", "\(feed.consecutiveFailures) in a row"),
            ("Next fetch", feed.goneAt == nil ? nextFetch(feed, now: now) : "never (gone)"),
            ("Articles", "\(feed.articleCount) (\(feed.unreadCount) unread)"),
            ("ETag", feed.etag ?? "-"),
            ("Last-Modified", feed.lastModified ?? "-"),
        ]
        if !feed.options.isEmpty {
            // Which options the feed has, never their values: a show is often pasted into a bug report.
            lines.append(("Options", feed.options.setKeys.joined(separator: ", ")))
        }
        if feed.options.fullText != nil || feed.fullTextFetched > 0 {
            let failures = feed.fullTextFailures > 0 ? ", \(feed.fullTextFailures) failed since the last success" : ""
            lines.append(("Full text", "\(Plural.count(feed.fullTextFetched, "page")) extracted\(failures)"))
            if let error = feed.fullTextError, feed.fullTextFailures > 0 {
                lines.append(("Text failure", terminal.paint(error, .yellow)))
            }
        }
        if let movedFrom = feed.movedFrom {
            lines.append(("Moved from", "\(movedFrom) \(time(feed.movedAt))"))
        }
        if let error = feed.lastError {
            lines.append(("Last error", terminal.paint(error, .red)))
        }
        for (label, value) in lines {
            print(terminal.paint(label.padding(toLength: 14, withPad: " ", startingAt: 0), .bold) + value)
        }
    }

    /// "2026-11-29 14:05 (in 42m) — every 1h, the [fetch] interval".
    private func nextFetch(_ feed: StoredFeed, now: Date) -> String {
        let time = "\(TimeText.local(feed.nextDueAt)) (\(TimeText.relative(feed.nextDueAt, now: now)))"
        return ScheduleText.phrase(feed).map { "\(time) — \($0)" } ?? time
    }
}
