import FeedModel
import FeedStore
import Foundation
import Testing

/// A feed's options are stored with it, by `feedctl add` and by the configuration's sync, and read back whole.
@Suite struct FeedOptionsStoreTests {
    static let options = FeedOptions(
        username: "me", passwordFile: "/etc/feedd/p", headers: [.init(name: "X-Api-Key", value: "file:/etc/feedd/k")],
        cookieFile: "/etc/feedd/c", userAgent: "Reader/1", proxy: "socks5h://127.0.0.1:9050", fullText: "auto",
        kind: .html, selectors: HTMLItemSelectors(item: "//article", title: ".//h2", link: ".//a/@href"))

    @Test func addedOptionsReadBack() throws {
        let temporary = try TemporaryStore()
        let outcome = try temporary.store.addFeed(NewFeed(url: "https://example.org/news/", options: Self.options))
        guard case .added(let added) = outcome else {
            Issue.record("not added: \(outcome)")
            return
        }
        #expect(added.options == Self.options)
        #expect(try temporary.store.feed("https://example.org/news/").options == Self.options)
        #expect(try temporary.store.feeds().map(\.options) == [Self.options])
    }

    @Test func theConfigurationsSyncChangesAndClearsThem() throws {
        let temporary = try TemporaryStore()
        let url = "https://example.org/feed"
        _ = try temporary.store.syncConfigFeeds([NewFeed(url: url, source: .config)])
        #expect(try temporary.store.feed(url).options == .none)

        let changed = try temporary.store.syncConfigFeeds([NewFeed(url: url, source: .config, options: Self.options)])
        #expect(changed.updated == [url])
        #expect(try temporary.store.feed(url).options == Self.options)

        let unchanged = try temporary.store.syncConfigFeeds([
            NewFeed(url: url, source: .config, options: Self.options)
        ])
        #expect(unchanged == ConfigSyncSummary())

        _ = try temporary.store.syncConfigFeeds([NewFeed(url: url, source: .config)])
        #expect(try temporary.store.feed(url).options == .none)
    }

    @Test func setKeysNameOptionsWithoutTheirValues() {
        let keys = Self.options.setKeys
        #expect(
            keys == [
                "kind = html", "username", "password_file", "headers (X-Api-Key)", "cookie_file", "user_agent",
                "proxy (socks5h)", "full_text = auto",
            ])
        #expect(!keys.joined().contains("/etc/feedd"))
        #expect(!keys.joined().contains("9050"))
    }
}
