import FeedConfig
import FeedFetching
internal import FeedHTML
import FeedModel
import FeedStore
import Foundation

/// One digest edition as feedd and feedctl make it from the store: select, build, render, write, mail.
///
/// The watermark named after the edition (`watermark`) records how far the written digests have read: the newest article id a
/// digest covered (ids are handed out in commit order, so an article stored while a digest is made is left for the
/// next one), the instant it was made and the day it was for. It moves only once the files are in place: a crash
/// before that writes the same day again with everything in it, and a day already written is never written again.
/// Mail has a watermark of its own: a digest whose mail failed is sent later, never lost silently.
///
/// What a digest holds is news, never a feed's backlog:
/// - The first digest of an edition (no watermark yet) holds what was published in the edition's period before it
///   is made (a day for a daily edition, a week for a weekly one: `DigestSchedule.period(endingAt:)`), whenever
///   those articles arrived; an article without a date counts as published when first seen.
/// - Every later digest holds what arrived since the previous one (by id), except articles published more than
///   the period (at least `backlogGrace`) before its start (the previous digest): a year of history from a feed
///   added yesterday stays in the store, counted in the header, while a late fetch of yesterday's news still shows.
/// - An edition with a scope (`tags`, `feeds`) holds only its feeds' articles, and their health.
public struct DigestJob: Sendable {
    /// The watermark of the edition named `daily`, which the single `[digest]` table is.
    public static let watermarkName = "daily"
    /// How far the `daily` edition's mail has read.
    public static let mailWatermarkName = "mail"
    /// What a first digest covers at least: what was published this long before it is made.
    public static let firstPeriod: TimeInterval = 86_400
    /// An article that arrives after a digest is left out of the next one when it was published more than this
    /// long (or the edition's period, when longer) before that digest was made.
    public static let backlogGrace: TimeInterval = 86_400

    public let store: FeedStore
    public let settings: DigestSettings

    public init(store: FeedStore, settings: DigestSettings) {
        self.store = store
        self.settings = settings
    }

    public var schedule: DigestSchedule {
        DigestSchedule(time: settings.time, timeZone: settings.timeZone, days: Set(settings.days))
    }

    /// The edition's watermark: its name.
    public var watermark: String { settings.name }

    /// The watermark of the edition's mail: `mail` for `daily` (as before editions), `mail:NAME` for the others.
    public var mailWatermark: String {
        settings.name == Self.watermarkName ? Self.mailWatermarkName : "mail:" + settings.name
    }

    /// The files' prefix: the edition's name for `[[digest]]` editions, none for the single `[digest]` table.
    public var filePrefix: String? { settings.namedFiles ? settings.name : nil }

    /// What a digest made at `now` after `watermark` covers, and the period shown: see the type's rules.
    public func selection(after watermark: DigestWatermark?, now: Date) throws(StoreError) -> (
        selection: DigestSelection, period: DateInterval
    ) {
        var covered = Self.selection(
            after: watermark, throughID: try store.newestArticleID(), end: now, length: periodLength(endingAt: now))
        covered.selection.feedIDs = try scopeFeedIDs()
        return covered
    }

    /// The length of the edition's period ending at `end`: back to the scheduled instant before the latest one.
    func periodLength(endingAt end: Date) -> TimeInterval {
        max(Self.firstPeriod, schedule.period(endingAt: schedule.latest(atOrBefore: end)))
    }

    /// The ids of the feeds the edition covers, or nil when it covers every feed.
    public func scopeFeedIDs() throws(StoreError) -> [Int64]? {
        guard !settings.coversEveryFeed else { return nil }
        let ids = Set(settings.feedIDs)
        let keys = Set(settings.feedURLs.map(FeedIdentity.key))
        let tags = Set(settings.tags)
        return try store.feeds().filter { feed in
            ids.contains(feed.id) || keys.contains(FeedIdentity.key(feed.url))
                || feed.tags.contains(where: tags.contains)
        }.map(\.id)
    }

    /// The selection and period of a digest ending at `end` that follows `watermark`, up to `throughID`, for an
    /// edition whose period is `length` long.
    ///
    /// Without a watermark, or one without an id (the first mail), the digest is a first one: what was published
    /// since the watermark's instant, else since `length` before `end`.
    static func selection(
        after watermark: DigestWatermark?, throughID: Int64, end: Date, length: TimeInterval = firstPeriod
    ) -> (selection: DigestSelection, period: DateInterval) {
        let start = min(watermark?.until ?? end.addingTimeInterval(-length), end)
        let period = DateInterval(start: start, end: end)
        guard let afterID = watermark?.untilID else {
            return (DigestSelection(afterID: nil, publishedSince: start, throughID: throughID), period)
        }
        return (
            DigestSelection(
                afterID: afterID, publishedSince: start.addingTimeInterval(-max(backlogGrace, length)),
                throughID: throughID),
            period
        )
    }

    /// What the edition's next digest holds so far.
    public func pending(now: Date) throws(StoreError) -> (selection: DigestSelection, period: DateInterval) {
        try selection(after: try store.digestWatermark(watermark), now: now)
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
        guard let watermark = try store.digestWatermark(watermark) else {
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
                firstSeen: row.firstSeen, text: row.text, imageURL: row.html.flatMap(HTMLFirstImage.source(in:)),
                highlighted: row.highlighted, rules: row.rules)
        }
        var feeds = try store.feeds()
        if let scope = selection.feedIDs.map(Set.init) {
            feeds = feeds.filter { scope.contains($0.id) }
        }
        let problems = DigestHealth.problems(feeds: feeds, paces: try store.feedPaces(), period: period, now: now)
        var request = DigestRequest(
            period: period, timeZone: settings.timeZone, perFeed: settings.perFeed, images: settings.images,
            generatedAt: now)
        request.day = day
        request.feedTotal = feeds.count
        request.edition = settings.name == Self.watermarkName ? nil : settings.name
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

    /// Writes the edition's digest for the day of `occurrence` (its scheduled instant) in every configured format,
    /// covering everything since the watermark, then the Atom file when asked for, then moves the watermark.
    public func writeDaily(occurrence: Date, now: Date) throws -> Written {
        let day = schedule.day(of: occurrence)
        let previous = try store.digestWatermark(watermark)
        let (selection, period) = try selection(after: previous, now: now)
        let digest = try digest(of: selection, period: period, day: occurrence, now: now)
        let renders = settings.formats.map { ($0, DigestRenderer.render(digest, as: $0)) }
        var paths = try DigestFiles.write(renders, day: day, to: settings.directory, prefix: filePrefix)
        if settings.atom {
            paths.append(try DigestAtom.update(edition: settings.name, with: digest, in: settings.directory, now: now))
        }
        // Mail that starts now starts with this digest.
        if settings.mail?.enabled == true, try store.digestWatermark(mailWatermark) == nil {
            try store.setDigestWatermark(
                mailWatermark,
                previous ?? DigestWatermark(until: period.start, untilID: nil, day: nil, writtenAt: now))
        }
        try store.setDigestWatermark(
            watermark,
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
        guard try store.digestWatermark(watermark) == nil else { return nil }
        let feeds = try store.feeds()
        guard !feeds.isEmpty, !feeds.contains(where: { $0.lastAttemptAt == nil && $0.goneAt == nil }) else {
            return nil
        }
        // An edition made on some weekdays only is that of its latest scheduled day, not of today.
        let occurrence = settings.days.count == 7 ? now : schedule.latest(atOrBefore: now)
        return try writeDaily(occurrence: occurrence, now: now)
    }

    /// "feedd digest for ", or "feedd NAME digest for " for an edition named otherwise than `daily`.
    private var subjectPrefix: String {
        settings.name == Self.watermarkName ? "feedd digest for " : "feedd \(settings.name) digest for "
    }

    /// Mails what the written digests covered and the mail did not yet (a failed send is retried by the next
    /// call); nil when mail is off or nothing is waiting, else the period mailed. Throws when sending fails.
    public func sendPendingMail(now: Date) throws -> DateInterval? {
        guard let mail = settings.mail, mail.enabled,
            let written = try store.digestWatermark(watermark), let writtenID = written.untilID
        else { return nil }
        // Mail turned on after digests were written: the latest digest's day is due.
        let mailed =
            try store.digestWatermark(mailWatermark)
            ?? DigestWatermark(
                until: written.until.addingTimeInterval(-86_400), untilID: nil, day: nil, writtenAt: now)
        if let mailedID = mailed.untilID, mailedID >= writtenID {
            return nil
        }
        if mailed.untilID == nil && mailed.until >= written.until {
            return nil
        }
        // The same rules as the digests themselves: the first mail covers what the first digest did.
        var (selection, period) = Self.selection(
            after: mailed, throughID: writtenID, end: written.until, length: periodLength(endingAt: written.until))
        selection.feedIDs = try scopeFeedIDs()
        let day = written.day ?? schedule.day(of: written.writtenAt)
        let digest = try digest(of: selection, period: period, day: written.writtenAt, now: now)
        let message = MailMessage(
            from: mail.from, to: mail.to, subject: subjectPrefix + day, text: DigestRenderer.text(digest),
            html: DigestRenderer.html(digest), date: now)
        try MailSender.send(message, server: mail.url, passwordFile: mail.passwordFile)
        try store.setDigestWatermark(
            mailWatermark,
            DigestWatermark(until: written.until, untilID: writtenID, day: written.day, writtenAt: now))
        return period
    }
}
