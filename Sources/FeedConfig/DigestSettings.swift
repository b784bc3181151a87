import Foundation

/// The `[digest]` table: the daily digest of new articles, written to files and optionally mailed.
public struct DigestSettings: Sendable, Equatable {
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
        directory: String,
        time: TimeOfDay,
        timeZoneIdentifier: String?,
        formats: [DigestFormat],
        perFeed: Int,
        images: Bool,
        mail: MailSettings?
    ) {
        self.directory = directory
        self.time = time
        self.timeZoneIdentifier = timeZoneIdentifier
        self.formats = formats
        self.perFeed = perFeed
        self.images = images
        self.mail = mail
    }

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
