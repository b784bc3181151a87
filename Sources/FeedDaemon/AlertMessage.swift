import FeedModel
import FeedNotify
import FeedStore
import Foundation

/// One notification for one sink, made of every alert it has waiting: the batch a cycle produced.
///
/// The JSON body (a webhook's body, an exec sink's standard input) is one object: `event` (the alerts' event, or
/// `mixed` when they differ), `events`, `sink`, `articles` (each with the `feedctl articles --json` fields),
/// `feeds` (the health of feeds that broke or recovered), `digest` and `digests` (the newest digest's path, and
/// every digest written) and `created`.
/// ntfy gets a title and a short list.
enum AlertMessage {
    /// At most this many articles are listed in one notification; the rest are counted in `more_articles`.
    static let articleLimit = 100
    /// The most a JSON body may weigh: articles carry their content, and a receiver (or a script's standard
    /// input) should not have to take megabytes. Fewer articles are listed until the body fits.
    static let maximumBytes = 2 << 20

    static func make(for alerts: [StoredAlert], sink: String, store: FeedStore, now: Date) throws(StoreError)
        -> NotificationMessage
    {
        var limit = articleLimit
        while true {
            let message = try make(for: alerts, sink: sink, store: store, now: now, articleLimit: limit)
            guard message.json.count > maximumBytes, limit > 0 else { return message }
            limit /= 2
        }
    }

    private static func make(
        for alerts: [StoredAlert], sink: String, store: FeedStore, now: Date, articleLimit: Int
    ) throws(StoreError) -> NotificationMessage {
        var events: [String] = []
        for alert in alerts where !events.contains(alert.event) {
            events.append(alert.event)
        }
        var articleIDs: [Int64] = []
        for alert in alerts where alert.event == "rule" {
            if let id = alert.articleID, !articleIDs.contains(id) { articleIDs.append(id) }
        }
        // An article removed since its alert is left out; the alert is delivered all the same.
        var articles: [StoredArticle] = []
        for id in articleIDs.prefix(articleLimit) {
            if let article = try store.article(id: id) { articles.append(article) }
        }
        let feedAlerts = alerts.filter { $0.event == "feed_broken" || $0.event == "feed_recovered" }
        let feedsByID = feedAlerts.isEmpty ? [:] : Dictionary(try store.feeds().map { ($0.id, $0) }) { a, _ in a }
        let digests = alerts.filter { $0.event == "digest" }.compactMap(\.detail)

        var json = JSONWriter()
        json.beginObject()
        json.field("event", events.count == 1 ? events[0] : "mixed")
        json.field("events", strings: events)
        json.field("sink", sink)
        json.field("created", date: now)
        json.key("articles")
        json.beginArray()
        for article in articles {
            json.article(article)
        }
        json.endArray()
        if articleIDs.count > articles.count {
            json.field("more_articles", articleIDs.count - articles.count)
        }
        json.key("feeds")
        json.beginArray()
        for alert in feedAlerts {
            json.beginObject()
            json.field("event", alert.event)
            if let id = alert.feedID { json.field("id", id: id) }
            let feed = alert.feedID.flatMap { feedsByID[$0] }
            json.field("title", feed?.displayTitle)
            json.field("url", feed?.url)
            json.field("error", alert.detail)
            json.field("failing_since", date: feed?.failingSince)
            json.field("last_success", date: feed?.lastSuccessAt)
            json.field("consecutive_failures", feed?.consecutiveFailures)
            json.field("at", date: alert.createdAt)
            json.endObject()
        }
        json.endArray()
        // The newest digest's path, and every digest written since the last notification.
        json.field("digest", digests.last)
        json.field("digests", strings: digests)
        json.endObject()

        var lines: [String] = []
        for article in articles.prefix(20) {
            var line = "• " + (article.title ?? "(untitled)") + " — " + article.feed.title
            if let link = article.link { line += "\n  " + link }
            lines.append(line)
        }
        if articles.count > 20 { lines.append("and \(articles.count - 20) more") }
        for alert in feedAlerts {
            let feed = alert.feedID.flatMap { feedsByID[$0] }
            let name = feed?.displayTitle ?? "feed #\(alert.feedID ?? 0)"
            lines.append(
                alert.event == "feed_broken"
                    ? "✗ \(name) is failing: \(alert.detail ?? "unknown error")" : "✓ \(name) fetches again")
        }
        for path in digests {
            lines.append("Digest written: " + path)
        }
        return NotificationMessage(
            json: json.bytes, title: title(articles: articleIDs.count, feeds: feedAlerts, digests: digests.count),
            text: lines.joined(separator: "\n"), click: articles.count == 1 ? articles[0].link : nil)
    }

    /// "feedd: 3 new articles", "feedd: 1 feed failing", "feedd: digest written", joined with " · ".
    private static func title(articles: Int, feeds: [StoredAlert], digests: Int) -> String {
        var parts: [String] = []
        if articles > 0 { parts.append(articles == 1 ? "1 new article" : "\(articles) new articles") }
        let broken = feeds.filter { $0.event == "feed_broken" }.count
        let recovered = feeds.count - broken
        if broken > 0 { parts.append(broken == 1 ? "1 feed failing" : "\(broken) feeds failing") }
        if recovered > 0 { parts.append(recovered == 1 ? "1 feed recovered" : "\(recovered) feeds recovered") }
        if digests > 0 { parts.append(digests == 1 ? "digest written" : "\(digests) digests written") }
        return "feedd: " + parts.joined(separator: " · ")
    }
}
