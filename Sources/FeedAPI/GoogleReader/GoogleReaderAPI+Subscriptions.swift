import FeedStore
import Foundation

/// Subscriptions: `subscription/list`, `subscription/edit` and `subscription/quickadd`.
extension GoogleReaderAPI {
    func subscriptionList() async throws(GoogleReaderError) -> APIResponse {
        let feeds = try await read { store throws(StoreError) in try store.subscriptions() }
        return .json { json in
            json.beginObject()
            json.key("subscriptions")
            json.beginArray()
            for feed in feeds {
                json.beginObject()
                json.field("id", StreamID.feed(feed.id).text)
                json.field("title", feed.displayTitle)
                json.key("categories")
                json.beginArray()
                for tag in feed.tags {
                    json.beginObject()
                    json.field("id", StreamID.label(tag).text)
                    json.field("label", tag)
                    json.endObject()
                }
                json.endArray()
                json.field("url", feed.url)
                json.field("htmlUrl", feed.siteLink ?? feed.url)
                json.field("iconUrl", "")
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
    }

    func editSubscriptions(_ parameters: FormParameters) async throws(GoogleReaderError) -> APIResponse {
        let action = parameters.first("ac") ?? "edit"
        let streams = parameters.all("s").filter { !$0.isEmpty }
        guard !streams.isEmpty else {
            throw GoogleReaderError(400, "subscription/edit needs s=feed/ID or s=feed/URL")
        }
        let title = parameters.first("t")
        let adding = try Self.labels(parameters.all("a"))
        let removing = try Self.labels(parameters.all("r"))
        var subscribed = false
        for text in streams {
            let id = try StreamID(parsing: text)
            switch action {
            case "subscribe":
                if case .feedURL(let url) = id, try await findFeed(id) == nil {
                    subscribed = try await add(url: url, title: title, tags: adding) || subscribed
                } else {
                    try await edit(id, title: title, adding: adding, removing: removing)
                }
            case "unsubscribe":
                let feed = try await editableFeed(id)
                _ = try await write { store throws(StoreError) in
                    try store.removeFeed(String(feed.id), configFile: nil)
                }
            case "edit":
                try await edit(id, title: title, adding: adding, removing: removing)
            default:
                throw GoogleReaderError(400, "ac=\(action): expected subscribe, unsubscribe or edit")
            }
        }
        if subscribed {
            environment.feedsChanged()
        }
        return .text("OK")
    }

    func quickAdd(_ parameters: FormParameters) async throws(GoogleReaderError) -> APIResponse {
        guard var url = parameters.first("quickadd")?.trimmingCharacters(in: .whitespaces), !url.isEmpty else {
            throw GoogleReaderError(400, "subscription/quickadd needs quickadd=URL")
        }
        if url.hasPrefix("feed/") {
            url.removeFirst(5)
        }
        let query = url
        if try await add(url: url, title: nil, tags: []) {
            environment.feedsChanged()
        }
        guard let feed = try await findFeed(.feedURL(url)) else {
            throw GoogleReaderError(503, "the subscription to \(url) was not stored")
        }
        return .json { json in
            json.beginObject()
            json.field("numResults", 1)
            json.field("query", query)
            json.field("streamId", StreamID.feed(feed.id).text)
            json.field("streamName", feed.displayTitle)
            json.endObject()
        }
    }

    /// Subscribes to `url` as feedctl would, without fetching it (the daemon does at once); true when it is new.
    private func add(url: String, title: String?, tags: [String]) async throws(GoogleReaderError) -> Bool {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https", parsed.host?.isEmpty == false
        else {
            throw GoogleReaderError(400, "'\(url)' is not an http or https URL")
        }
        let feed = NewFeed(url: url, title: title.flatMap { $0.isEmpty ? nil : $0 }, tags: tags, source: .feedctl)
        let outcome = try await write { store throws(StoreError) in try store.addFeed(feed) }
        if case .added = outcome {
            return true
        }
        return false
    }

    private func edit(_ id: StreamID, title: String?, adding: [String], removing: [String])
        async throws(GoogleReaderError)
    {
        guard title != nil || !adding.isEmpty || !removing.isEmpty else { return }
        let feed = try await editableFeed(id)
        _ = try await write { store throws(StoreError) in
            try store.editSubscription(feed.id, title: title, addingTags: adding, removingTags: removing)
        }
    }

    /// The feed of a stream id, refused with a 400 when it comes from the configuration file.
    private func editableFeed(_ id: StreamID) async throws(GoogleReaderError) -> StoredFeed {
        let feed = try await subscription(id)
        guard feed.source == .feedctl else {
            throw GoogleReaderError(400, "feed \(feed.id) comes from feedd.toml: change it there")
        }
        return feed
    }

    private func findFeed(_ id: StreamID) async throws(GoogleReaderError) -> StoredFeed? {
        do throws(GoogleReaderError) {
            return try await subscription(id)
        } catch  where error.status == 400 {
            return nil
        }
    }

    /// The labels of `user/-/label/X` ids.
    static func labels(_ texts: [String]) throws(GoogleReaderError) -> [String] {
        var labels: [String] = []
        for text in texts where !text.isEmpty {
            guard let label = try StreamID(parsing: text).label else {
                throw GoogleReaderError(400, "'\(text)' is not a label: expected user/-/label/NAME")
            }
            labels.append(label)
        }
        return labels
    }
}
