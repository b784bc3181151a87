import FeedModel
import Foundation

/// The JSON that `feedctl parse --json` prints (the contract of the "Parse every real-world feed" issue).
extension JSONWriter {
    /// The feed's own fields, everything but `entries`, inside an object the caller opened.
    mutating func feedFields(_ document: FeedDocument) {
        field("format", document.format.rawValue)
        field("version", document.version)
        key("bozo")
        bool(document.bozo)
        field("errors", strings: document.problems.map(\.description))
        field("title", document.title)
        field("subtitle", document.subtitle)
        field("link", document.link)
        field("self", document.selfLink)
        field("language", document.language)
        field("updated", document.updated.map(Timestamp.rfc3339))
        field("generator", document.generator)
        field("image", document.image)
        field("icon", document.icon)
        field("rights", document.rights)
        field("ttl", document.ttl)
        field("update_interval", document.updateInterval)
        field("hubs", strings: document.hubs)
        field("authors", authors: document.authors)
        field("categories", strings: document.categories)
    }

    /// One entry as a JSON object.
    mutating func entry(_ entry: Entry) {
        beginObject()
        field("id", entry.id)
        field("title", entry.title)
        field("link", entry.link)
        field("published", entry.published.map(Timestamp.rfc3339))
        field("updated", entry.updated.map(Timestamp.rfc3339))
        field("authors", authors: entry.authors)
        field("summary", entry.summary)
        field("content", entry.content)
        field("content_src", entry.contentSource)
        field("categories", strings: entry.categories)
        field("enclosures", enclosures: entry.enclosures)
        field("comments", entry.comments)
        field("comment_feed", entry.commentFeed)
        field("original_link", entry.originalLink)
        field("comment_count", entry.commentCount)
        field("image", entry.image)
        endObject()
    }
}
