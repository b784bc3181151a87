import FeedModel
import FeedStore
import Foundation

/// The JSON that `--json` listings print (the `articles --json` shape is the store issue's contract).
extension JSONWriter {
    mutating func feed(_ feed: StoredFeed) {
        beginObject()
        field("id", id: feed.id)
        field("url", feed.url)
        field("title", feed.displayTitle)
        field("feed_title", feed.feedTitle)
        field("site_link", feed.siteLink)
        field("source", feed.source.rawValue)
        field("tags", strings: feed.tags)
        field("interval", feed.interval.map { Int($0.components.seconds) })
        switch feed.state {
        case .new:
            field("state", "new")
        case .ok:
            field("state", "ok")
        case .failing(let since):
            field("state", "failing")
            field("failing_since", date: since)
        case .gone(let since):
            field("state", "gone")
            field("gone_since", date: since)
        }
        field("added", date: feed.addedAt)
        field("last_attempt", date: feed.lastAttemptAt)
        field("last_success", date: feed.lastSuccessAt)
        field("last_status", feed.lastStatus)
        field("last_error", feed.lastError)
        field("consecutive_failures", feed.consecutiveFailures)
        field("next_due", date: feed.goneAt == nil ? feed.nextDueAt : nil)
        // What decided next_due (a ScheduleReason raw value, such as "interval", "ttl" or "back_off").
        field("next_due_reason", feed.goneAt == nil ? feed.nextDueReason?.rawValue : nil)
        field("moved_from", feed.movedFrom)
        field("moved_at", date: feed.movedAt)
        field("etag", feed.etag)
        field("last_modified", feed.lastModified)
        field("articles", feed.articleCount)
        field("unread", feed.unreadCount)
        // The options' keys only (as `show` prints them), never a value that could be a secret.
        field("kind", feed.options.kind.rawValue)
        field("options", strings: feed.options.setKeys)
        field("full_text", feed.options.fullText)
        field("full_text_fetched", feed.fullTextFetched)
        field("full_text_failures", feed.fullTextFailures)
        field("full_text_error", feed.fullTextError)
        endObject()
    }

    /// Prints an array of values followed by a newline.
    static func printArray<T>(_ values: [T], write: (inout JSONWriter, T) -> Void) {
        var writer = JSONWriter(capacity: 1 << 16)
        writer.beginArray()
        for value in values {
            write(&writer, value)
        }
        writer.endArray()
        var bytes = writer.bytes
        bytes.append(UInt8(ascii: "\n"))
        FileDescriptorOutput.standardOutput.write(bytes)
    }

    /// Prints one value followed by a newline.
    static func printValue(_ write: (inout JSONWriter) -> Void) {
        var writer = JSONWriter(capacity: 4096)
        write(&writer)
        var bytes = writer.bytes
        bytes.append(UInt8(ascii: "\n"))
        FileDescriptorOutput.standardOutput.write(bytes)
    }
}
