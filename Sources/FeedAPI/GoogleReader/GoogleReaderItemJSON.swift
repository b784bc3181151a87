import FeedModel
import FeedStore

/// Writes Google Reader's JSON of items: `stream/contents` and `stream/items/contents`.
enum GoogleReaderItemJSON {
    /// Writes `{id, updated, items, continuation?}` for a stream page (or a list of items with no stream).
    static func stream(
        id: String, title: String?, items: [StreamItem], continuation: String?, now: Int, into json: inout JSONWriter
    ) {
        json.beginObject()
        json.field("direction", "ltr")
        json.field("id", id)
        if let title {
            json.field("title", title)
        }
        json.field("updated", now)
        json.key("items")
        json.beginArray()
        for item in items {
            write(item, into: &json)
        }
        json.endArray()
        if let continuation {
            json.field("continuation", continuation)
        }
        json.endObject()
    }

    /// Writes one item.
    static func write(_ item: StreamItem, into json: inout JSONWriter) {
        json.beginObject()
        json.field("id", ItemID.long(item.id))
        json.field("crawlTimeMsec", String(item.crawlTimeMilliseconds))
        json.field("timestampUsec", String(item.timestampMicroseconds))
        json.field("published", item.publishedSeconds)
        json.field("updated", item.updatedSeconds)
        json.field("title", item.title ?? "")
        json.key("canonical")
        links([item.canonicalURL ?? item.link], type: nil, into: &json)
        json.key("alternate")
        links([item.pageURL], type: "text/html", into: &json)
        json.key("summary")
        json.beginObject()
        json.field("direction", "ltr")
        json.field("content", item.bodyHTML)
        json.endObject()
        if let author = item.authorNames {
            json.field("author", author)
        }
        json.key("origin")
        json.beginObject()
        json.field("streamId", StreamID.feed(item.feedID).text)
        json.field("title", item.feedTitle)
        json.field("htmlUrl", item.siteLink ?? item.feedURL)
        json.endObject()
        json.field("categories", strings: item.googleReaderCategories)
        json.endObject()
    }

    private static func links(_ hrefs: [String?], type: String?, into json: inout JSONWriter) {
        json.beginArray()
        for href in hrefs.compactMap({ $0 }) {
            json.beginObject()
            json.field("href", href)
            if let type {
                json.field("type", type)
            }
            json.endObject()
        }
        json.endArray()
    }
}
