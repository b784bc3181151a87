import FeedStore
import Foundation

/// The feed-health section's problems, from the feeds' stored state.
enum DigestHealth {
    /// A feed is silent when its newest article is older than this many of its usual intervals...
    static let silentFactor = 4.0
    /// ...and older than this, so that a feed publishing hourly is not called silent after a quiet evening.
    static let silentMinimum: TimeInterval = 2 * 86_400

    /// Failing, gone, recently moved (within `period`) and silent feeds, and full-text feeds whose article pages
    /// fail; `DigestBuilder` orders them.
    static func problems(feeds: [StoredFeed], paces: [Int64: FeedPace], period: DateInterval, now: Date)
        -> [DigestFeedProblem]
    {
        var problems: [DigestFeedProblem] = []
        for feed in feeds {
            let title = feed.displayTitle
            if feed.goneAt != nil {
                problems.append(DigestFeedProblem(feedTitle: title, url: feed.url, kind: .gone(since: feed.goneAt)))
                continue
            }
            if let since = feed.failingSince {
                problems.append(
                    DigestFeedProblem(
                        feedTitle: title, url: feed.url,
                        kind: .failing(since: since, status: feed.lastStatus, error: feed.lastError ?? "unknown error"))
                )
            }
            if let from = feed.movedFrom, let at = feed.movedAt, at > period.start {
                problems.append(
                    DigestFeedProblem(feedTitle: title, url: feed.url, kind: .moved(from: from, to: feed.url, at: at)))
            }
            if feed.fullTextFailures > 0 {
                problems.append(
                    DigestFeedProblem(
                        feedTitle: title, url: feed.url,
                        kind: .fullTextFailing(
                            failures: feed.fullTextFailures, error: feed.fullTextError ?? "unknown error")))
            }
            if feed.failingSince == nil, let pace = paces[feed.id] {
                let quiet = now.timeIntervalSince(pace.newest)
                if quiet > max(silentFactor * pace.usualInterval, silentMinimum) {
                    problems.append(
                        DigestFeedProblem(
                            feedTitle: title, url: feed.url,
                            kind: .silent(lastNewArticle: pace.newest, usualInterval: pace.usualInterval)))
                }
            }
        }
        return problems
    }
}
