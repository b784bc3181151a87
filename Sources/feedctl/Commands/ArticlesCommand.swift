internal import ArgumentParser
import FeedModel
import FeedStore
import Foundation

/// `feedctl articles`: stored articles, newest first, filtered.
struct ArticlesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "articles",
        abstract: "List stored articles, newest first."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only this feed (id or URL).", valueName: "feed"))
    var feed: String?

    @Option(
        help: ArgumentHelp(
            "Only articles published since a duration ago (2d, 12h), a date (2026-11-01) or an RFC 3339 time; "
                + "an undated article counts as published when first seen.",
            valueName: "when"))
    var since: String?

    @Flag(help: "Only unread articles.")
    var unread = false

    @Option(help: ArgumentHelp("Only articles whose title or text match.", valueName: "query"))
    var search: String?

    @Flag(help: "One article per story: the earliest, with the other feeds that carry it.")
    var unique = false

    @Flag(help: "Only starred articles.")
    var starred = false

    @Option(
        help: ArgumentHelp("Only articles with this tag (their own, from a rule, or their feed's).", valueName: "name"))
    var tag: String?

    @Option(help: "At most this many articles.")
    var limit = 50

    @Flag(help: "Print a JSON array with each article's full content.")
    var json = false

    func validate() throws {
        if limit < 0 {
            throw ValidationError("--limit must be 0 or more, got \(limit)")
        }
        if let since, SinceSyntax.parse(since, now: Date()) == nil {
            throw ValidationError(
                "--since expects a duration such as 2d or 12h, or a date such as 2026-11-01; got '\(since)'")
        }
    }

    func run() throws {
        let (_, store) = try global.openExistingStore()
        // Unique stories are related by event from their text.
        var query = ArticleQuery(unreadOnly: unread, search: search, limit: limit, withoutContent: !json && !unique)
        query.uniqueStories = unique
        query.starredOnly = starred
        query.tag = tag
        if let feed {
            query.feedID = try store.feed(feed).id
        }
        query.since = since.flatMap { SinceSyntax.parse($0, now: Date()) }
        let articles = try store.articles(query)
        let events = unique ? EventCoverage(articles) : nil
        if json {
            JSONWriter.printArray(articles) { $0.article($1, event: events?[$1.id]) }
            return
        }
        ArticleTable.print(articles, terminal: .standardOutput, events: events)
    }
}

/// The article table `articles` and `search` print.
enum ArticleTable {
    static func print(_ articles: [StoredArticle], terminal: Terminal, events: EventCoverage? = nil) {
        guard !articles.isEmpty else {
            Swift.print("No articles.")
            return
        }
        var table = TextTable([
            .init(title: "ID", alignRight: true), .init(title: "DATE"), .init(title: "FEED", shrinks: true),
            .init(title: "TITLE", shrinks: true),
        ])
        for article in articles {
            let date = TimeText.local(article.published ?? article.fetched)
            var title = article.title ?? article.summary.map { String($0.prefix(80)) } ?? "(untitled)"
            if !article.alsoIn.isEmpty {
                // Two feeds may share a title; the line names it once.
                var named = Set<String>()
                let titles = article.alsoIn.map(\.title).filter { named.insert($0).inserted }
                title += " (also in " + titles.joined(separator: ", ") + ")"
            } else if article.duplicates > 0 {
                title += " (+\(article.duplicates))"
            }
            if let coverage = events?[article.id], coverage.outlets > 0 {
                title += " (" + StoryEvents.coverageText(outlets: coverage.outlets) + ")"
            }
            let plain = ["\(article.id)", date, article.feed.title, title]
            var shown = plain
            shown[3] = article.readAt == nil ? terminal.paint(title, .bold) : title
            shown[1] = terminal.paint(date, .dim)
            table.append(plain: plain, shown: shown)
        }
        Swift.print(table.render(width: terminal.width, terminal: terminal), terminator: "")
    }
}
