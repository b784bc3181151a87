import FeedModel
import FeedStore
import Foundation
import Glibc

// feedd-store-bench: the store's ingest rate, and feedctl's latency on a large store.
//
//   feedd-store-bench ingest --store PATH [--feeds 1000] [--articles 100000] [--batch 100]
//       Adds the feeds, then stores the articles one batch per transaction (a batch is one feed's fetch), and
//       prints the rate. Also the load generator the feedctl concurrency tests run beside feedctl.
//   feedd-store-bench latency --store PATH --feedctl PATH [--runs 21] [--search-target 50]
//       Times feedctl processes against the store: start-up, `articles --limit 50`, `articles --search WORD
//       --limit 50` for a common and a rare word, `search WORD`; prints medians, and the ranked search of the
//       common word beside its target (milliseconds).
//   feedd-store-bench upgrade --store PATH
//       Opens the store as feedd does, which brings its schema up to date, and prints how long that took.

func argument(_ name: String, default value: String? = nil) -> String? {
    let arguments = CommandLine.arguments
    if let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count {
        return arguments[index + 1]
    }
    return value
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("feedd-store-bench: \(message)\n".utf8))
    exit(2)
}

func integer(_ name: String, default value: Int) -> Int {
    guard let text = argument(name) else { return value }
    guard let number = Int(text), number > 0 else { fail("--\(name) expects a positive integer, got \(text)") }
    return number
}

func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// CPU seconds this process has used: on a shared machine, a figure other processes' load leaves nearly alone.
func processorSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func ingest(storePath: String) throws {
    let feedCount = integer("feeds", default: 1000)
    let articleCount = integer("articles", default: 100_000)
    let batch = integer("batch", default: 100)
    let store = try FeedStore(path: storePath, role: .daemon)
    let existing = try store.feeds()
    var feedIDs = existing.map(\.id)
    if feedIDs.count < feedCount {
        let added = try store.addFeeds(
            (feedIDs.count..<feedCount).map { NewFeed(url: "https://feed\($0).example.org/rss") })
        feedIDs = try store.feeds().map(\.id)
        _ = added
    }
    let firstNumber = try store.counts().articles
    var generator = SyntheticArticles(seed: UInt64(firstNumber))
    let base = Date(timeIntervalSince1970: 1_780_000_000)
    var done = 0
    var transactions = 0
    var seconds = 0.0
    var cpuSeconds = 0.0
    // Only the store's work is timed: each batch is generated before its clock starts.
    while done < articleCount {
        let count = min(batch, articleCount - done)
        let articles = (0..<count).map { offset in
            let number = firstNumber + done + offset
            return generator.article(
                feed: number % feedCount, number: number, published: base.addingTimeInterval(Double(number)))
        }
        let update = FeedUpdate(
            feedID: feedIDs[transactions % feedIDs.count], attemptedAt: Date(),
            outcome: .fetched(status: 200, etag: nil, lastModified: nil, title: nil, siteLink: nil, articles: articles),
            nextDueAt: Date().addingTimeInterval(3600))
        let start = monotonicSeconds()
        let startCPU = processorSeconds()
        try store.apply(update)
        seconds += monotonicSeconds() - start
        cpuSeconds += processorSeconds() - startCPU
        done += count
        transactions += 1
    }
    print(
        String(
            format: "ingest: %d articles in %d transactions, %.2f s (CPU %.2f s, %.0f articles per CPU second), "
                + "%.0f articles/s",
            articleCount, transactions, seconds, cpuSeconds, Double(articleCount) / cpuSeconds,
            Double(articleCount) / seconds))
}

/// Runs a command with output to /dev/null and returns its wall time and its CPU time (user and system), in
/// seconds: the CPU time is what a busy shared machine leaves nearly alone.
func timedRun(_ arguments: [String]) -> (wall: Double, cpu: Double) {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    let argv = arguments.map { strdup($0) } + [nil]
    defer {
        for pointer in argv { free(pointer) }
        posix_spawn_file_actions_destroy(&actions)
    }
    let start = monotonicSeconds()
    guard posix_spawn(&pid, arguments[0], &actions, nil, argv, environ) == 0 else {
        fail("cannot run \(arguments[0])")
    }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let elapsed = monotonicSeconds() - start
    if status != 0 { fail("\(arguments.joined(separator: " ")) exited with status \(status)") }
    let cpu =
        Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    return (elapsed, cpu)
}

func latency(storePath relativePath: String) throws {
    // The configuration resolves a relative path against its own directory, a temporary one here.
    let storePath = URL(fileURLWithPath: relativePath).standardizedFileURL.path
    guard let feedctl = argument("feedctl") else { fail("latency needs --feedctl PATH") }
    let runs = integer("runs", default: 21)
    let directory = NSTemporaryDirectory() + "store-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let config = directory + "/feedd.toml"
    try Data("[store]\npath = \"\(storePath)\"\n".utf8).write(to: URL(fileURLWithPath: config))
    let generator = SyntheticArticles(seed: 0)
    let common = generator.word(rank: 3)
    let rare = generator.word(rank: 1400)
    let count = try FeedStore(path: storePath, role: .client).counts().articles
    print("store: \(count) articles, \(storePath)")
    let cases: [(String, [String])] = [
        ("start-up (feedctl --version)", [feedctl, "--version"]),
        ("articles --limit 50", [feedctl, "articles", "--config", config, "--limit", "50"]),
        ("articles --json --limit 50", [feedctl, "articles", "--config", config, "--json", "--limit", "50"]),
        (
            "articles --search \(common) (common) --limit 50",
            [feedctl, "articles", "--config", config, "--search", common, "--limit", "50"]
        ),
        (
            "articles --search \(rare) (rare) --limit 50",
            [feedctl, "articles", "--config", config, "--search", rare, "--limit", "50"]
        ),
        ("search \(common) (common, ranked)", [feedctl, "search", "--config", config, common]),
        ("search \(rare) (rare, ranked)", [feedctl, "search", "--config", config, rare]),
        ("list", [feedctl, "list", "--config", config]),
    ]
    let target = Double(integer("search-target", default: 50))
    for (index, (name, command)) in cases.enumerated() {
        _ = timedRun(command)
        let measured = (0..<runs).map { _ in timedRun(command) }
        let times = measured.map(\.wall).sorted()
        let cpu = measured.map(\.cpu).sorted()[runs / 2] * 1000
        let median = times[times.count / 2] * 1000
        print(
            String(
                format: "%@ median %7.1f ms   min %7.1f ms   max %7.1f ms   CPU %6.1f ms",
                name.padding(toLength: 52, withPad: " ", startingAt: 0) as NSString,
                median, times[0] * 1000, times[times.count - 1] * 1000, cpu))
        if index == 5 {
            print(
                String(
                    format: "  ranked search of a common word: %.1f ms (CPU %.1f ms), target < %.0f ms: %@", median,
                    cpu, target, median < target ? "met" : "NOT met"))
        }
    }
}

func upgrade(storePath: String) throws {
    let start = monotonicSeconds()
    _ = try FeedStore(path: storePath, role: .daemon)
    print(String(format: "upgrade: %@ opened as feedd in %.1f s", storePath, monotonicSeconds() - start))
}

let mode = CommandLine.arguments.dropFirst().first ?? ""
guard let storePath = argument("store") else { fail("usage: feedd-store-bench ingest|latency|upgrade --store PATH …") }
do {
    switch mode {
    case "ingest": try ingest(storePath: storePath)
    case "latency": try latency(storePath: storePath)
    case "upgrade": try upgrade(storePath: storePath)
    default: fail("unknown mode '\(mode)' (ingest, latency or upgrade)")
    }
} catch {
    fail("\(error)")
}
