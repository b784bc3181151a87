import FeedModel
import FeedStore
import Foundation

/// Labels and counts: `tag/list`, `unread-count`, `disable-tag` and `rename-tag`.
extension GoogleReaderAPI {
    func tagList() async throws(GoogleReaderError) -> APIResponse {
        let labels = try await read { store throws(StoreError) in try store.streamLabels() }
        return .json { json in
            json.beginObject()
            json.key("tags")
            json.beginArray()
            json.beginObject()
            json.field("id", StreamID.starred.text)
            json.endObject()
            let folders = Set(labels.feedTags)
            for label in Set(labels.feedTags + labels.articleTags).sorted() where label != StreamID.highlightsLabel {
                json.beginObject()
                json.field("id", StreamID.label(label).text)
                json.field("type", folders.contains(label) ? "folder" : "tag")
                json.endObject()
            }
            json.beginObject()
            json.field("id", StreamID.highlights.text)
            json.field("type", "tag")
            json.endObject()
            json.endArray()
            json.endObject()
        }
    }

    func unreadCount() async throws(GoogleReaderError) -> APIResponse {
        let counts = try await read { store throws(StoreError) in try store.streamUnreadCounts() }
        func entry(_ id: String, _ count: StreamUnreadCounts.Count, into json: inout JSONWriter) {
            json.beginObject()
            json.field("id", id)
            json.field("count", count.stories)
            json.field("newestItemTimestampUsec", String(Int64((count.newest * 1_000_000).rounded())))
            json.endObject()
        }
        return .json { json in
            json.beginObject()
            json.field("max", counts.all.stories)
            json.key("unreadcounts")
            json.beginArray()
            for (feed, count) in counts.feeds.sorted(by: { $0.key < $1.key }) {
                entry(StreamID.feed(feed).text, count, into: &json)
            }
            for (label, count) in counts.labels.sorted(by: { $0.key < $1.key }) {
                entry(StreamID.label(label).text, count, into: &json)
            }
            entry(StreamID.readingList.text, counts.all, into: &json)
            json.endArray()
            json.endObject()
        }
    }

    func disableTag(_ parameters: FormParameters) async throws(GoogleReaderError) -> APIResponse {
        let label = try Self.labelParameter(parameters)
        _ = try await write { store throws(StoreError) in try store.removeLabel(label) }
        return .text("OK")
    }

    func renameTag(_ parameters: FormParameters) async throws(GoogleReaderError) -> APIResponse {
        let label = try Self.labelParameter(parameters)
        guard let destination = parameters.first("dest"), !destination.isEmpty else {
            throw GoogleReaderError(400, "rename-tag needs dest=user/-/label/NEW")
        }
        let newLabel = destination.hasPrefix("user/") ? try Self.labels([destination])[0] : destination
        _ = try await write { store throws(StoreError) in try store.renameLabel(label, to: newLabel) }
        return .text("OK")
    }

    /// The label of `s=user/-/label/X`, or of `t=X`.
    private static func labelParameter(_ parameters: FormParameters) throws(GoogleReaderError) -> String {
        if let stream = parameters.first("s"), !stream.isEmpty {
            return try labels([stream])[0]
        }
        if let label = parameters.first("t"), !label.isEmpty {
            return label
        }
        throw GoogleReaderError(400, "name the label with s=user/-/label/NAME or t=NAME")
    }
}
