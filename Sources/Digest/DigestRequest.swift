import Foundation

/// What digest to build: the period it covers, how to show times, and how much to show.
public struct DigestRequest: Sendable {
    /// The period covered, as shown in the header and "Nothing new since …".
    public var period: DateInterval
    /// An instant on the day the digest is for, which names it (its title and `DigestDocument.day`); the period's end
    /// when nil. A daily digest written late (after downtime) is still the scheduled day's.
    public var day: Date?
    /// The time zone every time and the digest's day are shown in.
    public var timeZone: TimeZone
    /// At most this many entries per feed; the rest become "and N more". Values below 1 count as 1.
    public var perFeed: Int
    /// Whether the HTML keeps the articles' images.
    public var images: Bool
    /// When the digest is generated, shown in its footer; dates in another year than this one show their year.
    public var generatedAt: Date
    /// How many feeds the store holds, for the health line ("40 feeds: 37 ok, …"); nil when unknown.
    public var feedTotal: Int?
    /// How many older articles the selection left out (``DigestSelection/publishedSince``), for the header.
    public var leftOutCount = 0
    /// The publication time before which articles were left out.
    public var publishedSince: Date?
    /// The edition's name when it is not the `daily` one; the title names it ("feedd weekly digest — …").
    public var edition: String?

    /// Creates a request.
    public init(period: DateInterval, timeZone: TimeZone, perFeed: Int = 20, images: Bool = false, generatedAt: Date) {
        self.period = period
        self.timeZone = timeZone
        self.perFeed = perFeed
        self.images = images
        self.generatedAt = generatedAt
    }
}
