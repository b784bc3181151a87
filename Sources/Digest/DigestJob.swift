import FeedConfig
import FeedFetching
internal import FeedHTML
import FeedStore
import Foundation

/// The daily digest as feedd and feedctl make it from the store: select, build, render, write, mail.
///
/// The watermark named `watermarkName` records how far the written digests have read: the newest article id a
/// digest covered (ids are handed out in commit order, so an article stored while a digest is made is left for the
/// next one), the instant it was made and the day it was for. It moves only once the files are in place: a crash
/// before that writes the same day again with everything in it, and a day already written is never written again.
/// Mail has a watermark of its own: a digest whose mail failed is sent later, never lost silently.
///
/// What a digest holds is news, never a feed's backlog:
/// - The first digest of a store (no watermark yet) holds what was published in the `firstPeriod` before it is
///   made, whenever those articles arrived; an article without a date counts as published when first seen.
/// - Every later digest holds what arrived since the previous one (by id), except articles published more than
///   `backlogGrace` before its period's start (the previous digest): a year of history from a feed added
///   yesterday stays in the store, counted in the header, while a late fetch of yesterday's news still shows.
public struct DigestJob: Sendable {
    /// The daily digest's watermark.
    public static let watermarkName = "daily"
    /// How far mailed digests have read.
    public static let mailWatermarkName = "mail"
    /// What a first digest covers: what was published this long before it is made.
    public static let firstPeriod: TimeInterval = 86_400
    /// An article that arrives after a digest is left out of the next one when it was published more than this
    /// long before that digest was made.
    public static let backlogGrace: TimeInterval = 86_400

    public let store: FeedStore
    public let settings: DigestSettings

    public init(store: FeedStore, settings: DigestSettings) {
        self.store = store
        self.settings = settings
    }

    public var schedule: DigestSchedule {
        DigestSchedule(time: settings.time, timeZone: settings.timeZone)
    }

    /// What a digest made at `now` after `watermark` covers, and the period shown: see the type's rules.
    public func selection(after watermark: DigestWatermark?, now: Date) throws(StoreError) -> (
        selection: DigestSelection, period: DateInterval
    ) {
        Self.selection(after: watermark, throughID: try store.newestArticleID(), end: now)
    }

    /// The selection and period of a digest ending at `end` that follows `watermark`, up to `throughID`.
    ///
    /// Without a watermark, or one without an id (the first mail), the digest is a first one: what was published
    /// since the watermark's instant, else since `firstPeriod` before `end`.
    static func selection(after watermark: DigestWatermark?, throughID: Int64, end: Date) -> (
        selection: DigestSelection, period: DateInterval
    ) {
        let start = min(watermark?.until ?? end.addingTimeInterval(-firstPeriod), end)
        let period = DateInterval(start: start, end: end)
        guard let afterID = watermark?.untilID else {
            return (DigestSelection(afterID: nil, publishedSince: start, throughID: throughID), period)
        }
        return (
            DigestSelection(
                afterID: afterID, publishedSince: start.addingTimeInterval(-backlogGrace), throughID: throughID),
            period
        )
    }

    /// What the next daily digest holds so far.
    public func pending(now: Date) throws(StoreError) -> (selection: DigestSelection, period: DateInterval) {
        try selection(after: try store.digestWatermark(Self.watermarkName), now: now)
    }

    /// The scheduled instant whose digest is due at `now`, or nil when the latest one is written.
    ///
    /// The latest occurrence at or before `now` is due unless its day was written, or a digest was written at or
    /// after it; so a digest missed while the machine was off or asleep is written as soon as the daemon runs again,
    /// and only one (it covers everything since the watermark), and moving `[digest] time` later in the day does not
    /// write the day again. Before any digest was written, occurrences before `firstStart` (when feedd ran on this
    /// store before) are not owed.
    public func dueOccurrence(now: Date, firstStart: Date) throws(StoreError) -> Date? {
        let latest = schedule.latest(atOrBefore: now)
        guard let watermark = try store.digestWatermark(Self.watermarkName) else {
            return firstStart <= latest ? latest : nil
        }
        if watermark.day == schedule.day(of: latest) {
            return nil
        }
        return watermark.writtenAt < latest ? latest : nil
    }

    /// The digest of `selection`, built from the store: its articles one entry per story, and the feeds' health.
    ///
    /// - Parameter day: an instant on the day the digest is for (names it); the period's end when nil.
    /// - Parameter countingLeftOut: whether the header counts the older articles the selection leaves out; off for
    ///   a period the reader chose (`feedctl digest --since`), where everything older is left out by design.
    public func digest(
        of selection: DigestSelection, period: DateInterval, day: Date? = nil, now: Date, countingLeftOut: Bool = true
    ) throws(StoreError) -> DigestDocument {
        let rows = try store.digestRows(selection, includeHTML: settings.images)
        let articles = rows.map { row in
            DigestArticle(
                id: row.id, storyID: row.story, feedID: row.feedID, feedTitle: row.feedTitle, tags: row.feedTags,
                title: row.title, link: row.link, canonicalURL: row.canonicalURL, published: row.published,
                firstSeen: row.firstSeen, text: row.text, imageURL: row.html.flatMap(HTMLFirstImage.source(in:)))
        }
        let feeds = try store.feeds()
        let problems = DigestHealth.problems(feeds: feeds, paces: try store.feedPaces(), period: period, now: now)
        var request = DigestRequest(
            period: period, timeZone: settings.timeZone, perFeed: settings.perFeed, images: settings.images,
            generatedAt: now)
        request.day = day
        request.feedTotal = feeds.count
        if countingLeftOut {
            request.leftOutCount = try store.digestLeftOutCount(selection)
            request.publishedSince = selection.publishedSince
        }
        return DigestBuilder.build(articles: articles, problems: problems, request: request)
    }

    /// The files of one digest, as written.
    public struct Written: Sendable {
        public var day: String
        public var paths: [String]
        public var digest: DigestDocument
    }

    /// Writes the daily digest for the day of `occurrence` (its scheduled instant) in every configured format,
    /// covering everything since the watermark, then moves the watermark.
    public func writeDaily(occurrence: Date, now: Date) throws -> Written {
        let day = schedule.day(of: occurrence)
        let previous = try store.digestWatermark(Self.watermarkName)
        let (selection, period) = try selection(after: previous, now: now)
        let digest = try digest(of: selection, period: period, day: occurrence, now: now)
        let renders = settings.formats.map { ($0, DigestRenderer.render(digest, as: $0)) }
        let paths = try DigestFiles.write(renders, day: day, to: settings.directory)
        // Mail that starts now starts with this digest.
        if settings.mail?.enabled == true, try store.digestWatermark(Self.mailWatermarkName) == nil {
            try store.setDigestWatermark(
                Self.mailWatermarkName,
                previous ?? DigestWatermark(until: period.start, untilID: nil, day: nil, writtenAt: now))
        }
        try store.setDigestWatermark(
            Self.watermarkName,
            DigestWatermark(until: now, untilID: selection.throughID, day: day, writtenAt: now))
        return Written(day: day, paths: paths, digest: digest)
    }

    /// Writes the first digest of a store that has feeds but never had one, at once rather than at the next
    /// scheduled time, for the day of `now`; nil when a digest was written before, no feed is subscribed yet, or a
    /// feed has not been fetched yet.
    ///
    /// Waiting for every feed's first fetch keeps the first digest from being empty or partial when feeds arrive
    /// after feedd started (an OPML import, a reload that adds `[[feed]]`s): it comes after the cycle that fetched
    /// them. It is that day's digest: when `[digest] time` comes later the same day, it finds the day written, and
    /// the next digest is the following day's, covering everything since this one.
    public func writeFirst(now: Date) throws -> Written? {
        guard try store.digestWatermark(Self.watermarkName) == nil else { return nil }
        let feeds = try store.feeds()
        guard !feeds.isEmpty, !feeds.contains(where: { $0.lastAttemptAt == nil && $0.goneAt == nil }) else {
            return nil
        }
        return try writeDaily(occurrence: now, now: now)
    }

    /// Mails what the written digests covered and the mail did not yet (a failed send is retried by the next
    /// call); nil when mail is off or nothing is waiting, else the period mailed. Throws when sending fails.
    public func sendPendingMail(now: Date) throws -> DateInterval? {
        guard let mail = settings.mail, mail.enabled,
            let written = try store.digestWatermark(Self.watermarkName), let writtenID = written.untilID
        else { return nil }
        // Mail turned on after digests were written: the latest digest's day is due.
        let mailed =
            try store.digestWatermark(Self.mailWatermarkName)
            ?? DigestWatermark(
                until: written.until.addingTimeInterval(-86_400), untilID: nil, day: nil, writtenAt: now)
        if let mailedID = mailed.untilID, mailedID >= writtenID {
            return nil
        }
        if mailed.untilID == nil && mailed.until >= written.until {
            return nil
        }
        // The same rules as the digests themselves: the first mail covers what the first digest did.
        let (selection, period) = Self.selection(after: mailed, throughID: writtenID, end: written.until)
        let day = written.day ?? schedule.day(of: written.writtenAt)
        let digest = try digest(of: selection, period: period, day: written.writtenAt, now: now)
        let message = MailMessage(
            from: mail.from, to: mail.to, subject: "feedd digest for " + day, text: DigestRenderer.text(digest),
            html: DigestRenderer.html(digest), date: now)
        try MailSender.send(message, server: mail.url, passwordFile: mail.passwordFile)
        try store.setDigestWatermark(
            Self.mailWatermarkName,
            DigestWatermark(until: written.until, untilID: writtenID, day: written.day, writtenAt: now))
        return period
    }
}
