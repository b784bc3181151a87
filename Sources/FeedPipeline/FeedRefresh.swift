import ArticleCleaning
import FeedFetching
import FeedModel
import FeedParsing
import FeedRules
import FeedStore
import Foundation

/// Turns one fetch of one feed into the store update that records it: parse, prepare articles, schedule.
///
/// Pure apart from the parsing work: the caller fetches before and applies the update after, so the daemon can run
/// this on a worker queue and `feedctl add` can run it inline.
public enum FeedRefresh {
    /// What a fetch's result comes to before its articles are prepared: the update when it is already decided
    /// (a failure, 304, 410, an error status, a body that does not parse), else the parsed document.
    public enum Parsed: Sendable {
        case finished(FeedUpdate)
        case document(FetchResponse, FeedDocument)
    }

    /// The update for `feed` from `result`, plus the parsed document when there was one.
    ///
    /// - Parameter templateMemory: what the feed's earlier fetches taught the boilerplate remover
    ///   (`FeedStore.templateMemory(feedID:)`); the update carries the memory to store after this fetch.
    public static func update(
        for feed: StoredFeed,
        result: Result<FetchResponse, FetchError>,
        attemptedAt now: Date,
        settings: ScheduleSettings,
        templateMemory: [UInt8]? = nil,
        rules: RuleSet = .empty,
        jitter: Double = Double.random(in: 0..<1)
    ) -> (update: FeedUpdate, document: FeedDocument?) {
        switch parse(for: feed, result: result, attemptedAt: now, settings: settings, jitter: jitter) {
        case .finished(let update):
            return (update, nil)
        case .document(let response, let document):
            return (
                fetchedUpdate(
                    for: feed, response: response, document: document, attemptedAt: now, settings: settings,
                    templateMemory: templateMemory, rules: rules, jitter: jitter),
                document
            )
        }
    }

    /// Reads `result` as far as the document: the finished update, or the response and its parsed document.
    ///
    /// A feed of `kind = "html"` is read with its selectors (`HTMLPageFeed`); every other body with `FeedParser`.
    public static func parse(
        for feed: StoredFeed,
        result: Result<FetchResponse, FetchError>,
        attemptedAt now: Date,
        settings: ScheduleSettings,
        jitter: Double = Double.random(in: 0..<1)
    ) -> Parsed {
        func failure(_ status: Int?, _ message: String, retryAfter: Date? = nil) -> FeedUpdate {
            let next = FeedSchedule.afterFailure(
                now: now,
                consecutiveFailures: feed.consecutiveFailures + 1,
                settings: settings,
                retryAfter: retryAfter,
                jitter: jitter
            )
            return FeedUpdate(
                feedID: feed.id, attemptedAt: now, outcome: .failed(status: status, message: message),
                nextDueAt: next.date, nextDueReason: next.reason)
        }
        let response: FetchResponse
        switch result {
        case .failure(let error):
            return .finished(failure(nil, error.description))
        case .success(let fetched):
            response = fetched
        }
        let permanent = response.permanentRedirect && response.finalURL != feed.url ? response.finalURL : nil
        let hints = FeedSchedule.Hints(
            cacheMaxAge: response.cacheMaxAge,
            expires: response.expires
        )
        switch response.status {
        case 304:
            // A store from before reasons were kept holds the interval alone: it was the pace (or a hint on it).
            let previous = feed.pollSeconds.map { ScheduledInterval(seconds: $0, reason: feed.pollReason ?? .pace) }
            let next = FeedSchedule.afterNotModified(
                now: now, feedInterval: feed.interval, settings: settings, previous: previous, hints: hints,
                jitter: jitter)
            let kept = FeedSchedule.notModifiedInterval(
                feedInterval: feed.interval, settings: settings, previous: previous)
            var update = FeedUpdate(
                feedID: feed.id, attemptedAt: now,
                outcome: .notModified(etag: response.etag, lastModified: response.lastModified),
                nextDueAt: next.date, nextDueReason: next.reason, permanentRedirect: permanent)
            update.pollSeconds = kept.seconds
            update.pollReason = kept.reason
            return .finished(update)
        case 410:
            return .finished(FeedUpdate(feedID: feed.id, attemptedAt: now, outcome: .gone(status: 410), nextDueAt: now))
        case 200..<300:
            break
        default:
            let message = FetchError(url: feed.url, kind: .httpStatus(response.status)).description
            let retryAfter = [429, 503].contains(response.status) ? response.retryAfter : nil
            return .finished(failure(response.status, message, retryAfter: retryAfter))
        }
        do {
            return .document(response, try FeedSourceReader.document(from: response, of: feed))
        } catch {
            return .finished(failure(response.status, "\(feed.url): \(error)"))
        }
    }

    /// The update for a successful fetch whose body the caller has already parsed.
    ///
    /// `rules` run on the cleaned articles; the store acts on their marks when it inserts an article.
    public static func fetchedUpdate(
        for feed: StoredFeed,
        response: FetchResponse,
        document: FeedDocument,
        attemptedAt now: Date,
        settings: ScheduleSettings,
        templateMemory: [UInt8]? = nil,
        rules: RuleSet = .empty,
        jitter: Double = Double.random(in: 0..<1)
    ) -> FeedUpdate {
        // Memory in a format this build cannot read (or none yet) is started afresh.
        let memory = templateMemory.flatMap(FeedTemplateMemory.init(encoded:)) ?? FeedTemplateMemory()
        let (cleaned, learned) = ArticlePreparation.articles(from: document.entries, memory: memory)
        let articles = rules.apply(
            to: cleaned, feed: RuleSubject.Feed(id: feed.id, url: feed.url, tags: feed.tags), now: now)
        let hints = FeedSchedule.Hints(
            ttlMinutes: document.ttl,
            updateInterval: document.updateInterval,
            cacheMaxAge: response.cacheMaxAge,
            expires: response.expires
        )
        let dates = articles.compactMap(\.published)
        let interval = FeedSchedule.pollInterval(
            now: now, feedInterval: feed.interval, settings: settings, publishedDates: dates,
            hints: FeedSchedule.Hints(ttlMinutes: document.ttl, updateInterval: document.updateInterval))
        let next = FeedSchedule.afterSuccess(
            now: now, feedInterval: feed.interval, settings: settings, publishedDates: dates, hints: hints,
            jitter: jitter)
        let outcome = FeedUpdate.Outcome.fetched(
            status: response.status, etag: response.etag, lastModified: response.lastModified, title: document.title,
            siteLink: document.link, articles: articles)
        let permanent = response.permanentRedirect && response.finalURL != feed.url ? response.finalURL : nil
        var update = FeedUpdate(
            feedID: feed.id, attemptedAt: now, outcome: outcome, nextDueAt: next.date, nextDueReason: next.reason,
            permanentRedirect: permanent)
        // The interval and what the document asked, without this response's cache headers, for the next 304.
        update.pollSeconds = interval.seconds
        update.pollReason = interval.reason
        update.templateMemory = learned == memory && templateMemory != nil ? nil : learned.encoded
        return update
    }
}
