import FeedConfig
import Foundation
import Testing

@testable import FeedDaemon

/// The service's events in this process, as its signals and timers would raise them: ticks, reloads and stops
/// that come while a fetch cycle runs.
@Suite(.serialized) struct ServiceStateMachineTests {
    @Test func ticksDuringACycleRunOneMoreCycleAfterIt() async throws {
        // About 3 s of body: the ticks below come while it is still arriving.
        let fixture = try ServiceFixture(
            routes: ["/slow.xml": ServiceFixture.slow("slow", items: 1...1, interval: .milliseconds(200))],
            feeds: ["/slow.xml"])
        let service = fixture.start()
        #expect(await fixture.waitUntil { fixture.requests("/slow.xml") == 1 })
        #expect(await fixture.daemon.cycleRunning)
        await fixture.daemon.tick()
        await fixture.daemon.tick()
        #expect(fixture.cycles == 0, "\(fixture.log.all)")
        // The first cycle ends with its feed stored, then one more runs for both ticks, and finds nothing due.
        #expect(await fixture.waitUntil { fixture.cycles == 2 }, "\(fixture.log.all)")
        #expect(await fixture.waitUntil { await !fixture.daemon.cycleRunning })
        let lines = fixture.log.all.filter { $0.hasPrefix("cycle ended") }
        #expect(lines.first?.contains(" feeds=1 ") == true, "\(lines)")
        #expect(lines.last == "cycle ended: no feed was due", "\(lines)")
        #expect(fixture.cycles == 2)
        await fixture.daemon.stop(now: false)
        try await service.value
        #expect(fixture.log.all.contains("stopped"))
    }

    @Test func aReloadDuringACycleTakesTheNewFileAndFetchesItsFeedAfterTheCycle() async throws {
        let fixture = try ServiceFixture(
            routes: [
                "/slow.xml": ServiceFixture.slow("slow", items: 1...1, interval: .milliseconds(200)),
                "/new.xml": .ok(ServiceFixture.rss("new", items: 1...2)),
            ],
            feeds: ["/slow.xml"])
        let directory = fixture.directory
        let urls = [fixture.server.url("/slow.xml"), fixture.server.url("/new.xml")]
        let reloaded = try ServiceFixture.configuration(
            directory: directory, feeds: urls, store: "elsewhere.sqlite", concurrency: 3, keepDays: 30)
        let service = fixture.start { reloaded }
        #expect(await fixture.waitUntil { fixture.requests("/slow.xml") == 1 })
        await fixture.daemon.reloadConfiguration()
        #expect(await fixture.daemon.cycleRunning)
        // Everything but the store, which only a restart changes.
        var expected = reloaded
        expected.store.path = fixture.configuration.store.path
        #expect(await fixture.daemon.configuration == expected)
        let refusal = fixture.log.all.first { $0.hasPrefix("reload: a changed setting takes effect at the next start") }
        #expect(refusal?.contains("setting=[store] path") == true, "\(fixture.log.all)")
        // The reload's tick waits for the running cycle; the next one fetches the feed the reload added.
        #expect(fixture.requests("/new.xml") == 0)
        #expect(await fixture.waitUntil { fixture.requests("/new.xml") == 1 }, "\(fixture.log.all)")
        #expect(await fixture.waitUntil { fixture.cycles == 2 }, "\(fixture.log.all)")
        await fixture.daemon.stop(now: false)
        try await service.value
    }

    @Test func aStopDuringACycleLetsATransferThatEndsInTimeBeStored() async throws {
        let fixture = try ServiceFixture(
            routes: ["/slow.xml": ServiceFixture.slow("slow", items: 1...1, interval: .milliseconds(200))],
            feeds: ["/slow.xml"])
        let service = fixture.start()
        #expect(await fixture.waitUntil { fixture.requests("/slow.xml") == 1 })
        await fixture.daemon.stop(now: false)
        try await service.value
        let log = fixture.log.all
        #expect(log.contains("stopping: transfers in flight get up to 10 s to finish"), "\(log)")
        #expect(
            log.contains { $0.hasPrefix("cycle ended") && $0.contains(" feeds=1 ") && $0.contains(" new=1 ") }, "\(log)"
        )
        #expect(!log.contains { $0.hasPrefix("stop deadline passed") }, "\(log)")
        #expect(log.contains("stopped"))
    }

    @Test func aStopDuringACycleAbortsTheTransfersAtTheDeadline() async throws {
        // Minutes of body: only the deadline ends this transfer.
        let fixture = try ServiceFixture(
            routes: ["/slow.xml": ServiceFixture.slow("slow", items: 1...9, interval: .milliseconds(500))],
            feeds: ["/slow.xml"])
        let service = fixture.start()
        #expect(await fixture.waitUntil { fixture.requests("/slow.xml") == 1 })
        await fixture.daemon.stop(now: false)
        // A tick or a reload while stopping starts nothing.
        await fixture.daemon.tick()
        await fixture.daemon.reloadConfiguration()
        try await service.value
        let log = fixture.log.all
        #expect(log.contains("stop deadline passed: aborting the transfers still in flight"), "\(log)")
        // The aborted transfer is neither a failure nor stored.
        #expect(log.contains { $0.hasPrefix("cycle ended failed=0 feeds=1 ") }, "\(log)")
        #expect(!log.contains { $0.hasPrefix("reload") }, "\(log)")
        #expect(log.contains("stopped"))
    }

    @Test func aSecondInterruptStopsAtOnce() async throws {
        let fixture = try ServiceFixture(
            routes: ["/slow.xml": ServiceFixture.slow("slow", items: 1...9, interval: .milliseconds(500))],
            feeds: ["/slow.xml"])
        let service = fixture.start()
        #expect(await fixture.waitUntil { fixture.requests("/slow.xml") == 1 })
        await fixture.daemon.stop(now: true)
        #expect(
            fixture.log.all.contains(
                "stopping: transfers in flight get up to 10 s to finish (Ctrl-C again stops at once)"))
        await fixture.daemon.stop(now: true)
        try await service.value
        let log = fixture.log.all
        #expect(log.contains("stopping now: aborting the transfers still in flight"), "\(log)")
        #expect(!log.contains { $0.hasPrefix("stop deadline passed") }, "\(log)")
        #expect(log.contains("stopped"))
    }
}
