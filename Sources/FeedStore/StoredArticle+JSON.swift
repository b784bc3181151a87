import FeedModel
import Foundation

/// The JSON of one stored article, as `feedctl articles --json` prints it and alerts carry it: one shape, which
/// scripts and sinks rely on.
extension JSONWriter {
    public mutating func field(_ name: StaticString, date: Date?) {
        field(name, date.map(Timestamp.rfc3339))
    }

    public mutating func field(_ name: StaticString, id: Int64) {
        field(name, Int(id))
    }

    /// Writes `article`; `event` with listings of unique stories.
    public mutating func article(_ article: StoredArticle, event: StoryEvents.Coverage? = nil) {
        beginObject()
        field("id", id: article.id)
        key("feed")
        beginObject()
        field("id", id: article.feed.id)
        field("title", article.feed.title)
        field("url", article.feed.url)
        endObject()
        field("guid", article.guid)
        field("url", article.canonicalURL)
        field("link", article.link)
        field("title", article.title)
        field("authors", authors: article.authors)
        field("published", date: article.published)
        field("updated", date: article.updated)
        field("fetched", date: article.fetched)
        field("summary", article.summary)
        field("content_html", article.contentHTML)
        field("content_text", article.contentText)
        field("categories", strings: article.categories)
        field("enclosures", enclosures: article.enclosures)
        field("story", id: article.story)
        field("duplicates", article.duplicates)
        if !article.alsoIn.isEmpty {
            // The other feeds of the story (listings of unique stories only).
            key("also_in")
            beginArray()
            for feed in article.alsoIn {
                beginObject()
                field("id", id: feed.id)
                field("title", feed.title)
                field("url", feed.url)
                endObject()
            }
            endArray()
        }
        if let event {
            // Another outlet's story of the same event (listings of unique stories only).
            field("event", id: event.event)
            field("covered_by", event.outlets)
        }
        key("read")
        bool(article.readAt != nil)
        key("starred")
        bool(article.starredAt != nil)
        key("highlighted")
        bool(article.highlighted)
        field("tags", strings: article.tags)
        field("rules", strings: article.rules)
        if let snippet = article.snippet {
            field(
                "snippet",
                snippet.replacingOccurrences(of: "\u{1}", with: "").replacingOccurrences(of: "\u{2}", with: ""))
        }
        endObject()
    }
}
