import Foundation

/// Which articles a reader app's stream holds and which page of them it wants.
///
/// A stream lists one article per story by default: the earliest stored of the story's articles that pass
/// `filters` and `exclusions` (time bounds and the continuation do not choose the copy, so paging and syncing see
/// the same one). Newest first by sort time (publication, or arrival for undated articles), then by id.
public struct StreamQuery: Sendable, Equatable {
    /// Conditions every article must meet; none is the reading list (every article).
    public var filters: [StreamFilter]
    /// Conditions no article may meet (`xt`: unread only is an exclusion of `.read`).
    public var exclusions: [StreamFilter]
    /// Only articles sorted at or after this instant (`nt`).
    public var newerThan: Date?
    /// Only articles sorted before this instant (`ot`).
    public var olderThan: Date?
    /// Oldest first (`r=o`).
    public var oldestFirst: Bool
    /// The end of the previous page: this page starts after it.
    public var after: StreamPosition?
    /// At most this many items.
    public var limit: Int
    /// One article per story (the default); false lists every copy.
    public var uniqueStories: Bool

    public init(
        filters: [StreamFilter] = [], exclusions: [StreamFilter] = [], newerThan: Date? = nil,
        olderThan: Date? = nil, oldestFirst: Bool = false, after: StreamPosition? = nil, limit: Int = 20,
        uniqueStories: Bool = true
    ) {
        self.filters = filters
        self.exclusions = exclusions
        self.newerThan = newerThan
        self.olderThan = olderThan
        self.oldestFirst = oldestFirst
        self.after = after
        self.limit = limit
        self.uniqueStories = uniqueStories
    }
}
