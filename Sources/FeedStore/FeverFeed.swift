import Foundation

/// One subscription as the Fever API lists it, without the article counts `feeds()` pays for.
public struct FeverFeed: Sendable, Equatable {
    public var id: Int64
    /// The owner's title, else the feed's, else its URL.
    public var title: String
    public var url: String
    public var siteURL: String?
    /// The feed's tags, which the Fever API shows as groups.
    public var tags: [String]
    /// The last successful fetch, or nil.
    public var lastSuccess: Date?
}
