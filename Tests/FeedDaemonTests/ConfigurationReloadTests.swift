import FeedConfig
import Foundation
import Testing

@testable import FeedDaemon

@Suite struct ConfigurationReloadTests {
    static let directory = "/var/lib/feedd-test"

    @Test func everyChangedSettingIsTakenWhole() throws {
        let running = try ServiceFixture.configuration(directory: Self.directory, feeds: ["http://127.0.0.1:1/a.xml"])
        var loaded = try ServiceFixture.configuration(
            directory: Self.directory, feeds: ["http://127.0.0.1:1/b.xml"], concurrency: 9, keepDays: 7)
        loaded.sourcePath = "/etc/feedd/feedd.toml"
        let reload = ConfigurationReload(running: running, loaded: loaded)
        #expect(reload.refused.isEmpty)
        // The whole value, not the keys someone remembered to copy: a key added later is compared here too.
        #expect(reload.configuration == loaded)
    }

    @Test func aNewStorePathWaitsForTheNextStart() throws {
        let running = try ServiceFixture.configuration(directory: Self.directory, feeds: [])
        let loaded = try ServiceFixture.configuration(
            directory: Self.directory, feeds: ["http://127.0.0.1:1/a.xml"], store: "other.sqlite", keepDays: 7)
        let reload = ConfigurationReload(running: running, loaded: loaded)
        #expect(
            reload.refused == [
                ConfigurationReload.Refusal(
                    key: "[store] path", running: running.store.path, requested: loaded.store.path)
            ])
        var expected = loaded
        expected.store.path = running.store.path
        #expect(reload.configuration == expected)
    }

    /// The listener is bound once: a reload that adds, moves or removes `[api]` keeps the running one.
    static let apiChanges: [(APISettings?, APISettings?)] = [
        (nil, APISettings(host: "127.0.0.1", port: 8070)),
        (APISettings(host: "127.0.0.1", port: 8070), APISettings(host: "::1", port: 9000, baseURL: "https://x.org")),
        (APISettings(host: "127.0.0.1", port: 8070), nil),
    ]

    @Test(arguments: apiChanges)
    func anAPIChangeWaitsForTheNextStart(running runningAPI: APISettings?, loaded loadedAPI: APISettings?) throws {
        var running = try ServiceFixture.configuration(directory: Self.directory, feeds: [])
        running.api = runningAPI
        var loaded = try ServiceFixture.configuration(directory: Self.directory, feeds: [], keepDays: 7)
        loaded.api = loadedAPI
        let reload = ConfigurationReload(running: running, loaded: loaded)
        #expect(reload.refused.map(\.key) == ["[api]"])
        #expect(reload.configuration.api == runningAPI)
        #expect(reload.configuration.store.keepDays == 7)
    }
}
