import Foundation

/// One digest edition: a `[[digest]]` table, or the single `[digest]` table (the edition named `daily`), written to
/// files and optionally mailed.
public struct DigestSettings: Sendable, Equatable {
    /// `name`: unique among the editions; names its watermark and, for a `[[digest]]` table, its files.
    public var name: String
    /// False for the single `[digest]` table (and no table at all), whose files keep their names of old
    /// (`YYYY-MM-DD.html`, `latest.html`); true for `[[digest]]` editions (`NAME-YYYY-MM-DD.html`,
    /// `NAME-latest.html`).
    public var namedFiles: Bool
    /// `days`: the weekdays the edition is made on, as Calendar weekday numbers (1 Sunday … 7 Saturday), sorted;
    /// default every day.
    public var days: [Int]
    /// `tags` and `feeds`: which feeds the edition covers; every feed when all are empty.
    public var tags: [String]
    public var feedIDs: [Int64]
    public var feedURLs: [String]
    /// `atom`: also keep `NAME.atom`, one entry per edition; default false.
    public var atom: Bool
    /// `dir`: where digest files are written; default `<state dir>/digests`.
    public var directory: String
    /// `time`: the local time of day at which the digest is made; default 07:00.
    public var time: TimeOfDay
    /// `timezone`: the IANA zone `time` is in, or nil for the system's zone (the default).
    ///
    /// A loaded configuration only holds identifiers that Foundation's `TimeZone(identifier:)` accepts.
    public var timeZoneIdentifier: String?
    /// `formats`: the files written for each digest, in the order given, without duplicates; default all three.
    public var formats: [DigestFormat]
    /// `per_feed`: at most this many articles per feed in one digest, at least 1; default 20.
    public var perFeed: Int
    /// `images`: whether digests keep the articles' images; default false.
    public var images: Bool
    /// `[digest.mail]`: where digests are mailed, or nil when the table is absent (no mail).
    public var mail: MailSettings?

    /// Creates digest settings; no validation happens here.
    public init(
        name: String = "daily",
        namedFiles: Bool = false,
        days: [Int] = Array(1...7),
        tags: [String] = [],
        feedIDs: [Int64] = [],
        feedURLs: [String] = [],
        atom: Bool = false,
        directory: String,
        time: TimeOfDay,
        timeZoneIdentifier: String?,
        formats: [DigestFormat],
        perFeed: Int,
        images: Bool,
        mail: MailSettings?
    ) {
        self.name = name
        self.namedFiles = namedFiles
        self.days = days
        self.tags = tags
        self.feedIDs = feedIDs
        self.feedURLs = feedURLs
        self.atom = atom
        self.directory = directory
        self.time = time
        self.timeZoneIdentifier = timeZoneIdentifier
        self.formats = formats
        self.perFeed = perFeed
        self.images = images
        self.mail = mail
    }

    /// True when the edition covers every feed.
    public var coversEveryFeed: Bool { tags.isEmpty && feedIDs.isEmpty && feedURLs.isEmpty }

    /// The weekday names `days` accepts, Sunday first (Calendar's weekday 1).
    public static let weekdayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    /// The zone `time` is in: the configured one, else the system's current zone.
    public var timeZone: TimeZone {
        timeZoneIdentifier.flatMap(TimeZone.init(identifier:)) ?? .current
    }

    /// The defaults, with the digest directory inside `stateDirectory`.
    public static func defaults(stateDirectory: String) -> DigestSettings {
        DigestSettings(
            directory: joinPath(stateDirectory, "digests"),
            time: TimeOfDay(hour: 7, minute: 0),
            timeZoneIdentifier: nil,
            formats: DigestFormat.allCases,
            perFeed: 20,
            images: false,
            mail: nil
        )
    }
}
