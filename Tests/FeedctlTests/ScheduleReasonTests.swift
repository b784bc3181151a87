import Foundation
import TestSupport
import Testing

/// End-to-end: `feedctl add`, `list`, `show` and their `--json` say what decided each feed's next fetch, from the
/// store the built `feedctl` and `feedd` write.
@Suite struct ScheduleReasonTests {
    /// A feed whose one entry is years old, with a `ttl` when given.
    static func quietRSS(ttl: Int? = nil) -> String {
        """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title><link>https://quiet.example/</link>
        \(ttl.map { "<ttl>\($0)</ttl>" } ?? "")
        <item><title>Old news</title><guid>old</guid><pubDate>Mon, 02 Mar 2020 09:00:00 GMT</pubDate></item>
        </channel></rss>
        """
    }

    /// The sandbox with the feed written into it, and the feed's `file://` URL.
    static func sandbox(fetchTOML: String = "", ttl: Int? = nil) throws -> (FeedctlSandbox, String) {
        let sandbox = try FeedctlSandbox(fetchTOML: fetchTOML)
        let path = try sandbox.write(quietRSS(ttl: ttl), to: "quiet.rss")
        return (sandbox, URL(fileURLWithPath: path).absoluteString)
    }

    /// The NEXT cell of the one feed `feedctl list` shows ("in 1h (interval)"): what its row holds between the
    /// columns NEXT and ARTICLES of the header.
    static func nextCell(_ sandbox: FeedctlSandbox) throws -> String {
        let lines = try sandbox.succeed(["list"]).split(separator: "\n").map { Array($0) }
        let header = try #require(lines.first)
        let row = try #require(lines.last)
        let text = String(header)
        let start = try #require(text.range(of: "NEXT")).lowerBound.utf16Offset(in: text)
        let end = try #require(text.range(of: "ARTICLES")).lowerBound.utf16Offset(in: text)
        return String(row[start..<min(end, row.count)]).trimmingCharacters(in: .whitespaces)
    }

    /// The value of the `Next fetch` line of `feedctl show 1`.
    static func shownNextFetch(_ sandbox: FeedctlSandbox) throws -> String {
        let lines = try sandbox.succeed(["show", "1"]).split(separator: "\n")
        let line = try #require(lines.first { $0.hasPrefix("Next fetch") })
        return String(line.dropFirst(14))
    }

    static func jsonReason(_ sandbox: FeedctlSandbox) throws -> String? {
        let listed = try sandbox.feeds().first?["next_due_reason"] as? String
        let shown = try #require(try sandbox.json(["show", "--json", "1"]) as? [String: Any])
        #expect(shown["next_due_reason"] as? String == listed)
        return listed
    }

    /// The first hour's surprise: a feed whose newest entry is years old is fetched every `[fetch] interval`.
    @Test func aQuietFeedIsFetchedEveryIntervalAndSaysSo() throws {
        let (sandbox, url) = try Self.sandbox()
        let added = try sandbox.succeed(["add", url])
        #expect(added.hasSuffix("; next fetch in 1h (interval).\n"), "\(added)")
        let cell = try Self.nextCell(sandbox)
        #expect(cell == "in 1h (interval)" || cell == "in 59m (interval)", "\(cell)")
        let shown = try Self.shownNextFetch(sandbox)
        #expect(shown.hasSuffix(" — every 1h, the [fetch] interval"), "\(shown)")
        #expect(try Self.jsonReason(sandbox) == "interval")
    }

    @Test func adaptiveFollowsThePaceAndNamesTheBound() throws {
        let (sandbox, url) = try Self.sandbox(fetchTOML: "adaptive = true")
        let added = try sandbox.succeed(["add", url])
        #expect(added.hasSuffix("; next fetch in 1d (max_interval).\n"), "\(added)")
        let shown = try Self.shownNextFetch(sandbox)
        #expect(
            shown.hasSuffix(" — every 1d, [fetch] max_interval, as its pace is slower ([fetch] adaptive)"), "\(shown)")
        #expect(try Self.jsonReason(sandbox) == "max_interval")
    }

    @Test func aTTLLongerThanTheIntervalWinsAndIsNamed() throws {
        let (sandbox, url) = try Self.sandbox(ttl: 360)
        let added = try sandbox.succeed(["add", url])
        #expect(added.hasSuffix("; next fetch in 6h (ttl).\n"), "\(added)")
        let cell = try Self.nextCell(sandbox)
        #expect(cell == "in 6h (ttl)" || cell == "in 5h (ttl)", "\(cell)")
        let shown = try Self.shownNextFetch(sandbox)
        #expect(shown.hasSuffix(" — every 6h, as the feed's ttl asks, longer than its interval"), "\(shown)")
        #expect(try Self.jsonReason(sandbox) == "ttl")
    }

    @Test func theFeedsOwnIntervalIsNamed() throws {
        let (sandbox, url) = try Self.sandbox()
        let added = try sandbox.succeed(["add", "--interval", "30m", url])
        // 30 minutes, plus up to a tenth more.
        let next = #/; next fetch in 3[0-3]m \(own interval\)\.\n$/#
        #expect(added.contains(next), "\(added)")
        let shown = try Self.shownNextFetch(sandbox)
        #expect(shown.hasSuffix(" — every 30m, its own interval (feedctl add --interval)"), "\(shown)")
        #expect(try Self.jsonReason(sandbox) == "feed_interval")
    }

    /// A configured feed that cannot be read: new, then backing off with its count, then refreshed.
    @Test func backOffIsNamedWithItsCount() throws {
        let probe = try FeedctlSandbox()
        let missing = probe.directory.appendingPathComponent("missing.rss").absoluteString
        let sandbox = try FeedctlSandbox(extraTOML: "[[feed]]\nurl = \(FeedctlSandbox.tomlString(missing))\n")
        // Reading commands never create the store: a writing one that fetches nothing does, with the configured feed.
        _ = try sandbox.succeed(["read", "--all"])
        #expect(try Self.nextCell(sandbox).hasSuffix(" (new)"))
        #expect(try Self.jsonReason(sandbox) == "new")
        #expect(try Self.shownNextFetch(sandbox).hasSuffix(" — at once: added, not fetched yet"))

        func runFeedd() throws {
            let result = try FeedctlBinary.run(
                ["--config", sandbox.configPath, "--once"], executable: FeedctlBinary.feedd)
            #expect(result.status == 0, "\(result.standardError)")
        }
        try runFeedd()
        #expect(try Self.nextCell(sandbox).hasSuffix(" (back-off, 1 failure)"))
        _ = try sandbox.succeed(["refresh"])
        #expect(try Self.nextCell(sandbox).hasSuffix(" (refresh)"))
        #expect(try Self.jsonReason(sandbox) == "refresh")
        try runFeedd()
        let cell = try Self.nextCell(sandbox)
        // The second failure in a row waits 30 minutes, plus up to a quarter more.
        #expect(cell.hasPrefix("in ") && cell.hasSuffix("m (back-off, 2 failures)"), "\(cell)")
        #expect(try Self.shownNextFetch(sandbox).hasSuffix(" — backing off after 2 failures in a row"))
        #expect(try Self.jsonReason(sandbox) == "back_off")
        #expect(try sandbox.feeds().first?["consecutive_failures"] as? Int == 2)
    }
}
