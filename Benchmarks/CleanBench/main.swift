import ArticleCleaning
import FeedModel
import FeedParsing
import FeedPipeline
import FeedRules
import FeedStore
import Foundation
import Glibc

// feedd-clean-bench: cleaning throughput and the cost of story assignment on a large store.
//
//   feedd-clean-bench --corpus DIR --work DIR [--fill 100000] [--runs 3]
//
// Parses every feed of DIR/feeds (the benchmark corpus, ../shared/bench/gen_corpus.py; not timed), then:
//   clean   ArticlePreparation over each feed's entries: sanitized HTML → boilerplate removed → text, summary,
//           fingerprint, story sketch (articles per second);
//   fill    a store of --fill articles made of reworded copies of the corpus (distinct texts and sketches, dates
//           spread over earlier weeks), built once and copied for each run;
//   ingest  the corpus's articles stored into a copy of the filled store, one transaction per feed: with their
//           sketches (identity, near-duplicate story lookup, band index) and without (identity only). The
//           difference is what story assignment costs.
// Prints each run and the medians.

func argument(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("feedd-clean-bench: \(message)\n".utf8))
    exit(2)
}

func seconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

guard let corpus = argument("corpus"), let work = argument("work") else {
    fail("usage: feedd-clean-bench --corpus DIR --work DIR [--fill 100000] [--runs 3]")
}
let fill = Int(argument("fill") ?? "100000") ?? 100_000
let runs = Int(argument("runs") ?? "3") ?? 3

// Parse the corpus.
let feedDirectory = corpus + "/feeds"
guard
    let names = try? FileManager.default.contentsOfDirectory(atPath: feedDirectory).filter({ $0.hasSuffix(".xml") })
        .sorted(), !names.isEmpty
else { fail("no feeds in \(feedDirectory)") }
var documents: [(name: String, entries: [Entry])] = []
for name in names {
    guard let data = FileManager.default.contents(atPath: feedDirectory + "/" + name) else {
        fail("cannot read \(name)")
    }
    do {
        let document = try FeedParser.parse(
            Array(data), options: FeedParserOptions(documentURL: "http://127.0.0.1/feeds/" + name))
        documents.append((name, document.entries))
    } catch {
        fail("\(name): \(error)")
    }
}
let entryCount = documents.reduce(0) { $0 + $1.entries.count }
print("corpus: \(documents.count) feeds, \(entryCount) entries")

// Clean.
var cleanRates: [Double] = []
var prepared: [[Article]] = []
for run in 1...runs {
    let start = seconds()
    prepared = documents.map { ArticlePreparation.articles(from: $0.entries, memory: FeedTemplateMemory()).articles }
    let elapsed = seconds() - start
    cleanRates.append(Double(entryCount) / elapsed)
    print(String(format: "clean run %d: %.3f s, %.0f articles/s", run, elapsed, Double(entryCount) / elapsed))
}
let sketched = prepared.joined().filter { $0.signature != nil }.count
print("articles with a story sketch: \(sketched) of \(entryCount)")

// Rules: 50 of the kinds people write (titles mostly, some on the text, author, link and category, some scoped
// by tag), run over the cleaned articles as the pipeline runs them, with PCRE2's JIT and without it (systemd's
// MemoryDenyWriteExecute, which the shipped unit sets, leaves only the interpreter).
func benchmarkRules(jit: Bool) throws -> RuleSet {
    let words = [
        "sponsored", "advertorial", "giveaway", "webinar", "podcast", "crypto", "bitcoin", "horoscope", "recipe",
        "celebrity", "quiz", "deal", "coupon", "black friday", "livestream", "press release", "obituary", "sports",
        "football", "election", "outage", "breach", "vulnerability", "earnings", "layoffs",
    ]
    var rules: [Rule] = []
    for index in 0..<50 {
        let word = words[index % words.count]
        var rule = Rule(name: "rule-\(index)", actions: index % 7 == 0 ? [.drop] : [.tag("t\(index % 5)"), .highlight])
        switch index % 10 {
        case 0...5: rule.title = try TextPattern("(?i)\\b(\(word)|\(word)s)\\b", jit: jit)
        case 6, 7: rule.content = try TextPattern("(?i)\\b\(word)\\b", jit: jit)
        case 8: rule.url = try TextPattern("/\(word.replacingOccurrences(of: " ", with: "-"))/", jit: jit)
        default:
            rule.author = try TextPattern("(?i)^\(word)", jit: jit)
            rule.category = try TextPattern("(?i)^\(word)$", jit: jit)
        }
        if index % 4 == 0 { rule.scope = RuleScope(tags: ["news"]) }
        rules.append(rule)
    }
    return RuleSet(rules)
}
for jit in [true, false] {
    let rules = try benchmarkRules(jit: jit)
    var costs: [Double] = []
    var touched = 0
    for run in 1...runs {
        let start = seconds()
        touched = 0
        for (index, articles) in prepared.enumerated() {
            let feed = RuleSubject.Feed(
                id: Int64(index + 1), url: "http://127.0.0.1/feeds/" + documents[index].name,
                tags: index % 2 == 0 ? ["news"] : ["tech"])
            touched += rules.apply(to: articles, feed: feed, now: Date()).filter { !$0.rules.isEmpty }.count
        }
        let elapsed = seconds() - start
        costs.append(elapsed / Double(entryCount) * 1e6)
        print(
            String(
                format: "rules run %d (%@): %.3f s, %.1f µs/article", run, jit ? "JIT" : "interpreter", elapsed,
                costs.last!))
    }
    let cost = median(costs)
    let cleanCost = 1e6 / median(cleanRates)
    print(
        String(
            format: "median 50 rules (%@): %.1f µs/article, %.0f%% of cleaning's %.0f µs; %d of %d articles touched",
            jit ? "JIT" : "interpreter", cost, cost / cleanCost * 100, cleanCost, touched, entryCount))
}

// Fill a store once: reworded copies of the corpus, a round per pass, each round two days further back.
try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
let filledPath = work + "/filled-\(fill).sqlite"
@MainActor func feedURL(_ index: Int) -> String { "http://127.0.0.1/feeds/" + documents[index].name }
if !FileManager.default.fileExists(atPath: filledPath) {
    let store = try FeedStore(path: filledPath, role: .daemon)
    _ = try store.addFeeds(documents.indices.map { NewFeed(url: feedURL($0)) })
    let ids = Dictionary(uniqueKeysWithValues: try store.feeds().map { ($0.url, $0.id) })
    var stored = 0
    var round = 1
    let start = seconds()
    while stored < fill {
        let shift = -Double(round) * 2 * 86_400
        for (index, articles) in prepared.enumerated() where stored < fill {
            let copies = articles.prefix(fill - stored).map { original -> Article in
                var copy = original
                copy.guid += "#\(round)"
                copy.canonicalURL = original.canonicalURL.map { $0 + "/\(round)" }
                let text = (original.contentText ?? "").split(separator: " ").enumerated()
                    .map { $0.offset % 3 == 0 ? "\($0.element)\(round)" : String($0.element) }.joined(separator: " ")
                copy.contentText = text
                copy.contentHash = original.contentHash + "-\(round)"
                copy.signature = StorySketch.signature(ofText: text)
                copy.published = original.published.map { $0.addingTimeInterval(shift) }
                return copy
            }
            let date = Date().addingTimeInterval(shift)
            try store.apply(
                FeedUpdate(
                    feedID: ids[feedURL(index)] ?? 0, attemptedAt: date,
                    outcome: .fetched(
                        status: 200, etag: nil, lastModified: nil, title: nil, siteLink: nil, articles: copies),
                    nextDueAt: date))
            stored += copies.count
        }
        round += 1
    }
    print(String(format: "filled %d articles in %.1f s", stored, seconds() - start))
}

/// Stores the corpus's articles (with or without sketches) into a fresh copy of the filled store.
@MainActor func ingestRun(withSketches: Bool) throws -> Double {
    let path = work + "/run.sqlite"
    for suffix in ["", "-wal", "-shm"] {
        try? FileManager.default.removeItem(atPath: path + suffix)
    }
    try FileManager.default.copyItem(atPath: filledPath, toPath: path)
    let store = try FeedStore(path: path, role: .daemon)
    let ids = Dictionary(uniqueKeysWithValues: try store.feeds().map { ($0.url, $0.id) })
    let now = Date()
    let start = seconds()
    for (index, articles) in prepared.enumerated() {
        let batch =
            withSketches
            ? articles
            : articles.map {
                var plain = $0; plain.signature = nil; return plain
            }
        try store.apply(
            FeedUpdate(
                feedID: ids[feedURL(index)] ?? 0, attemptedAt: now,
                outcome: .fetched(
                    status: 200, etag: nil, lastModified: nil, title: nil, siteLink: nil, articles: batch),
                nextDueAt: now))
    }
    return seconds() - start
}

var withRates: [Double] = []
var withoutRates: [Double] = []
for run in 1...runs {
    let plain = try ingestRun(withSketches: false)
    let sketched = try ingestRun(withSketches: true)
    withoutRates.append(Double(entryCount) / plain)
    withRates.append(Double(entryCount) / sketched)
    print(
        String(
            format: "ingest run %d into %d: identity only %.3f s, with stories %.3f s (%.1f µs/article for stories)",
            run, fill, plain, sketched, (sketched - plain) / Double(entryCount) * 1e6))
}
let clean = median(cleanRates)
let stored = median(withRates)
print(String(format: "median clean: %.0f articles/s", clean))
print(String(format: "median ingest into %d, identity only: %.0f articles/s", fill, median(withoutRates)))
print(String(format: "median ingest into %d, with story assignment: %.0f articles/s", fill, stored))
print(String(format: "story assignment: %.1f µs/article", (1 / stored - 1 / median(withoutRates)) * 1e6))
print(String(format: "cleaned and assigned, one core: %.0f articles/s", 1 / (1 / clean + 1 / stored)))
