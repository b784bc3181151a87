import FeedHTML
import FeedModel
import FeedStore
import Foundation

/// The Fever API under `/fever/`, for an authenticated account (https://feedafever.com/api, as Miniflux and
/// FreshRSS serve it).
///
/// Every answer carries `api_version`, `auth` and `last_refreshed_on_time`, then what the request named: `groups`,
/// `feeds`, `favicons` (none), `items`, `unread_item_ids`, `saved_item_ids`, `links` (none). A `mark` is applied
/// first. Items are feedd's articles, one per story (the story's earliest stored article), so a story syndicated
/// into several feeds is read once; ids are the store's article and feed ids. Input that is not understood gets a
/// 400 with one line; store calls go through the gate's queues. Every account reads and marks the same articles:
/// feedd keeps one reader's state, and the account only says who may.
struct FeverAPI: Sendable {
    /// `items` answers at most this many, as Fever does.
    static let itemLimit = 50
    /// `unread_item_ids` and `saved_item_ids` list at most this many, the newest: a list of every id of a store
    /// with millions of articles would be megabytes that no client can use.
    static let idListLimit = 100_000

    let environment: APIEnvironment

    func respond(to request: APIRequest, account: String) async -> APIResponse {
        let fever: FeverRequest
        do {
            fever = try FeverRequest(request.parameters)
        } catch {
            return .error(400, error.message)
        }
        do throws(StoreError) {
            if let mark = fever.mark {
                try await apply(mark)
            }
            return try await answer(fever)
        } catch {
            return environment.unavailable(error)
        }
    }

    private func apply(_ mark: FeverMark) async throws(StoreError) {
        let gate = environment.gate
        switch mark {
        case .item(let id, let change):
            switch change {
            case .read, .unread:
                let read = change == .read
                try await gate.write { store throws(StoreError) in _ = try store.setStoriesRead([id], read: read) }
            case .saved, .unsaved:
                let saved = change == .saved
                try await gate.write { store throws(StoreError) in _ = try store.setFeverItemSaved(id, saved: saved) }
            }
        case .feed(let id, let before):
            try await gate.write { store throws(StoreError) in
                _ = try store.markFeverFeedsRead([id], before: Date(timeIntervalSince1970: Double(before)))
            }
        case .group(let id, let before):
            let cutoff = Date(timeIntervalSince1970: Double(before))
            if id == 0 {
                try await gate.write { store throws(StoreError) in
                    _ = try store.markFeverFeedsRead(nil, before: cutoff)
                }
                return
            }
            let feeds = try await gate.read { store throws(StoreError) in try store.feverFeeds() }
            // An unknown group (one whose tag went away, or Fever's -1 for Sparks) marks nothing.
            guard let group = FeverGroups(feeds: feeds).group(id: id) else { return }
            try await gate.write { store throws(StoreError) in
                _ = try store.markFeverFeedsRead(group.feedIDs, before: cutoff)
            }
        }
    }

    private func answer(_ fever: FeverRequest) async throws(StoreError) -> APIResponse {
        let gate = environment.gate
        let refreshed = try await gate.read { store throws(StoreError) in try store.feverLastRefreshed() }
        let feeds =
            fever.groups || fever.feeds
            ? try await gate.read { store throws(StoreError) in try store.feverFeeds() } : []
        var items: (list: [FeverItem], total: Int)?
        if let selection = fever.items {
            items = try await gate.read { store throws(StoreError) in
                (try store.feverItems(selection, limit: Self.itemLimit), try store.feverItemCount())
            }
        }
        let unread =
            fever.unreadItemIDs
            ? try await gate.read { store throws(StoreError) in
                try store.feverUnreadItemIDs(limit: Self.idListLimit)
            } : nil
        let saved =
            fever.savedItemIDs
            ? try await gate.read { store throws(StoreError) in try store.feverSavedItemIDs(limit: Self.idListLimit) }
            : nil
        let groups = FeverGroups(feeds: feeds)
        return .json { json in
            json.beginObject()
            json.field("api_version", 3)
            json.field("auth", 1)
            json.field("last_refreshed_on_time", refreshed.map(Self.epoch) ?? 0)
            if fever.groups {
                json.key("groups")
                json.beginArray()
                for group in groups.groups {
                    json.beginObject()
                    json.field("id", Int(group.id))
                    json.field("title", group.title)
                    json.endObject()
                }
                json.endArray()
            }
            if fever.feeds {
                json.key("feeds")
                json.beginArray()
                for feed in feeds {
                    Self.write(feed, to: &json)
                }
                json.endArray()
            }
            if fever.groups || fever.feeds {
                json.key("feeds_groups")
                json.beginArray()
                for group in groups.groups {
                    json.beginObject()
                    json.field("group_id", Int(group.id))
                    json.field("feed_ids", Self.list(group.feedIDs))
                    json.endObject()
                }
                json.endArray()
            }
            if fever.favicons {
                json.key("favicons")
                json.beginArray()
                json.endArray()
            }
            if let items {
                json.field("total_items", items.total)
                json.key("items")
                json.beginArray()
                for item in items.list {
                    Self.write(item, to: &json)
                }
                json.endArray()
            }
            if let unread {
                json.field("unread_item_ids", Self.list(unread))
            }
            if let saved {
                json.field("saved_item_ids", Self.list(saved))
            }
            if fever.links {
                json.key("links")
                json.beginArray()
                json.endArray()
            }
            json.endObject()
        }
    }

    private static func write(_ feed: FeverFeed, to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", Int(feed.id))
        json.field("favicon_id", 0)
        json.field("title", feed.title)
        json.field("url", feed.url)
        json.field("site_url", feed.siteURL ?? "")
        json.field("is_spark", 0)
        json.field("last_updated_on_time", feed.lastSuccess.map(epoch) ?? 0)
        json.endObject()
    }

    private static func write(_ item: FeverItem, to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", Int(item.id))
        json.field("feed_id", Int(item.feedID))
        json.field("title", item.title)
        json.field("author", item.author)
        json.field("html", html(of: item))
        json.field("url", item.url)
        json.field("is_saved", item.isSaved ? 1 : 0)
        json.field("is_read", item.isRead ? 1 : 0)
        json.field("created_on_time", epoch(item.created))
        json.endObject()
    }

    /// The item's HTML; an entry without content shows its plain-text summary, escaped, as a paragraph.
    static func html(of item: FeverItem) -> String {
        if let content = item.contentHTML {
            return content
        }
        guard let summary = item.summary, !summary.isEmpty else { return "" }
        return "<p>" + HTMLEscaping.escapeText(summary) + "</p>"
    }

    /// Ids as Fever lists them: "1,2,3".
    private static func list(_ ids: [Int64]) -> String {
        ids.map(String.init).joined(separator: ",")
    }

    private static func epoch(_ date: Date) -> Int {
        Int(date.timeIntervalSince1970.rounded(.down))
    }
}
