import Foundation

/// One item of the Fever API: the earliest stored article of a story, as Fever clients show it.
///
/// Its copies in other feeds are never items; `isRead` is the article's own mark (read marks cover whole stories),
/// `isSaved` is true when any article of the story is starred, so a copy starred through another API shows too.
public struct FeverItem: Sendable, Equatable {
    public var id: Int64
    public var feedID: Int64
    public var title: String
    /// The authors' names, joined with ", "; empty when the feed names none.
    public var author: String
    /// The sanitized, cleaned HTML, or nil when the entry had no content.
    public var contentHTML: String?
    /// Plain text, at most 300 characters: what to show when there is no content.
    public var summary: String?
    /// The article's link, else its canonical URL, else empty.
    public var url: String
    public var isSaved: Bool
    public var isRead: Bool
    /// When it was published, or first seen when undated or dated in the future.
    public var created: Date
}
