import FeedConfig
import FeedStore
import Foundation

/// The daily digest as feedd and feedctl make it from the store: select, build, render, write, mail.
///
/// The watermark named `watermarkName` is how far the written digests have read (the `first_seen` instant up to
/// which articles were covered). It moves only once the files are in place, so a crash before that writes the
/// same day again with everything in it, and a crash after it never writes the day twice. Mail has a watermark of
/// its own: a digest whose mail failed is sent again later, never lost silently.
public struct DigestJob: Sendable {
    /// The daily digest's watermark.
    public static let watermarkName = "daily"
    /// How far mailed digests have read.
    public static let mailWatermarkName = "mail"

    public let store: FeedStore
    public let settings: DigestSettings

    public init(store: FeedStore, settings: DigestSettings) {
        self.store = store
        self.settings = settings
    }

    public var schedule: DigestSchedule {
        DigestSchedule(time: settings.time, timeZone: settings.timeZone)
    }

    /// What the next daily digest covers: everything first seen since the watermark (the last 24 hours before the
    /// first digest) up to `now`.
    public func pendingPeriod(now: Date) throws(StoreError) -> DateInterval {
        let start = try store.digestWatermark(Self.watermarkName)?.until ?? now.addingTimeInterval(-86_400)
        return DateInterval(start: min(start, now), end: now)
    }

    /// The scheduled instant whose digest is due at `now`, or nil when the latest one is written.
    ///
    /// The latest occurrence at or before `now` is due unless a digest was written at or after it; so a digest
    /// missed while the machine was off or asleep is written as soon as the daemon runs again, and only one (it
    /// covers everything since the watermark). Before any digest was written, occurrences before `firstStart`
    /// (when feedd first ran on this store) are not owed.
    public func dueOccurrence(now: Date, firstStart: Date) throws(StoreError) -> Date? {
        let latest = schedule.latest(atOrBefore: now)
        if let watermark = try store.digestWatermark(Self.watermarkName) {
            return watermark.writtenAt < latest ? latest : nil
        }
        return firstStart <= latest ? latest : nil
    }

    /// The digest of `period`, built from the store: its articles one entry per story, and the feeds' health.
    public func digest(of period: DateInterval, now: Date) throws(StoreError) -> Digest {
        let rows = try store.digestRows(in: period, includeHTML: settings.images)
        let articles = rows.map { row in
            DigestArticle(
                id: row.id, storyID: row.story, feedID: row.feedID, feedTitle: row.feedTitle, tags: row.feedTags,
                title: row.title, link: row.link, canonicalURL: row.canonicalURL, published: row.published,
                firstSeen: row.firstSeen, text: row.text, imageURL: row.html.flatMap(DigestImage.first(in:)))
        }
        let problems = DigestHealth.problems(
            feeds: try store.feeds(), paces: try store.feedPaces(), period: period, now: now)
        let request = DigestRequest(
            period: period, timeZone: settings.timeZone, perFeed: settings.perFeed, images: settings.images,
            generatedAt: now)
        return DigestBuilder.build(articles: articles, problems: problems, request: request)
    }

    /// The files of one digest, as written.
    public struct Written: Sendable {
        public var day: String
        public var paths: [String]
        public var digest: Digest
    }

    /// Writes the daily digest named `day` (covering `pendingPeriod(now:)`) in every configured format, then moves
    /// the watermark to `now`.
    public func writeDaily(day: String, now: Date) throws -> Written {
        let period = try pendingPeriod(now: now)
        let digest = try digest(of: period, now: now)
        let renders = settings.formats.map { ($0, DigestRenderer.render(digest, as: $0)) }
        let paths = try DigestFiles.write(renders, day: day, to: settings.directory)
        try store.setWatermark(Self.watermarkName, to: period.end, now: now)
        return Written(day: day, paths: paths, digest: digest)
    }

    /// Mails what the written digests covered and the mail did not yet (a failed send is retried by the next
    /// call); nil when mail is off or nothing is waiting, else the period mailed. Throws when sending fails.
    public func sendPendingMail(now: Date) throws -> DateInterval? {
        guard let mail = settings.mail, mail.enabled,
            let written = try store.digestWatermark(Self.watermarkName)
        else { return nil }
        let mailed = try store.digestWatermark(Self.mailWatermarkName)
        guard mailed.map({ $0.until < written.until }) ?? true else { return nil }
        // Before the first mail, the latest digest alone is due: one day back from its end.
        let start = mailed?.until ?? written.until.addingTimeInterval(-86_400)
        let period = DateInterval(start: min(start, written.until), end: written.until)
        let digest = try digest(of: period, now: now)
        let subject = "feedd digest for " + schedule.day(of: written.writtenAt)
        let message = DigestMail(
            settings: mail, subject: subject, text: DigestRenderer.text(digest), html: DigestRenderer.html(digest),
            date: now)
        try MailSender.send(message, settings: mail)
        try store.setWatermark(Self.mailWatermarkName, to: period.end, now: now)
        return period
    }
}
