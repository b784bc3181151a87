import Digest
import FeedConfig
import FeedModel
import FeedStore
import Foundation
import Glibc

// feedd-digest-bench: the time to make a daily digest from the store.
//
//   feedd-digest-bench --work DIR [--feeds 1000] [--articles 5000] [--history 50000] [--runs 5]
//
// Builds (once per argument set) a store of --feeds feeds holding --history older articles and --articles
// articles first seen in the last day, a fifth of them copies of another feed's story. Then, per run, writes the
// day's digest the way feedd does (select since the watermark, group, summarise, render HTML, Markdown and text,
// write the files atomically, move the watermark), with the watermark put back before each run. Prints the runs
// and the median, and the median of selection alone and of build plus rendering alone.

func argument(_ name: String, _ fallback: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count,
        let value = Int(arguments[index + 1]), value >= 0
    else { return fallback }
    return value
}

func seconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func median(_ values: [Double]) -> Double {
    values.sorted()[values.count / 2]
}

let arguments = CommandLine.arguments
guard let workIndex = arguments.firstIndex(of: "--work"), workIndex + 1 < arguments.count else {
    FileHandle.standardError.write(Data("usage: feedd-digest-bench --work DIR [--feeds N] [--articles N]\n".utf8))
    exit(2)
}
let work = arguments[workIndex + 1]
let feedCount = max(argument("feeds", 1000), 1)
let articleCount = argument("articles", 5000)
let history = argument("history", 50_000)
let runs = max(argument("runs", 5), 1)

let words = """
    council budget river bridge station market harbour school museum orchard ferry garden stadium library weather \
    election court hospital airport railway festival theatre factory farmers harvest energy prices housing water \
    police firefighters students teachers nurses doctors engineers drivers workers owners residents visitors
    """.split(separator: " ").map(String.init)

/// A paragraph of ordinary sentences, different for each number.
func text(_ number: Int) -> String {
    var generator = SplitMix(state: UInt64(number))
    return (0..<5).map { _ in
        let sentence = (0..<12).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
        return sentence.prefix(1).uppercased() + sentence.dropFirst() + "."
    }.joined(separator: " ")
}

struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
let storePath = work + "/digest-\(feedCount)-\(articleCount)-\(history).sqlite"
let now = Date()
let dayStart = now.addingTimeInterval(-86_400)
let fresh = !FileManager.default.fileExists(atPath: storePath)
let store = try FeedStore(path: storePath, role: .daemon)
if fresh {
    let tags = ["news", "tech", "science", "local", "sport"]
    _ = try store.addFeeds(
        (0..<feedCount).map { NewFeed(url: "https://feed\($0).example/rss", title: "Feed \($0)", tags: [tags[$0 % 5]]) }
    )
    let feeds = try store.feeds().map(\.id)
    func fillStore(_ range: Range<Int>, firstSeen: (Int) -> Date) throws {
        var byFeed: [Int: [Int]] = [:]
        for number in range { byFeed[number % feedCount, default: []].append(number) }
        for (feed, numbers) in byFeed {
            let seen = firstSeen(numbers[0])
            // A fifth of the day's articles copy the story (link) of another feed's article.
            let articles = numbers.map { number -> Article in
                let shared = number % 5 == 0 && number >= history ? number - 1 : number
                return Article(
                    guid: "a-\(number)", canonicalURL: "https://news.example/\(shared)",
                    link: "https://news.example/\(shared)?utm_source=feed",
                    title: "Story \(shared): the \(words[shared % words.count]) question", published: seen,
                    summary: String(text(shared).prefix(300)), contentHTML: "<p>" + text(shared) + "</p>",
                    contentText: text(shared), contentHash: "h-\(number)")
            }
            try store.storeUpdate(feedID: feeds[feed], articles: articles, at: seen)
        }
    }
    print("filling \(storePath)")
    try fillStore(0..<history) { dayStart.addingTimeInterval(-Double($0 % 30 + 1) * 86_400) }
    try fillStore(history..<(history + articleCount)) { dayStart.addingTimeInterval(Double($0 % 86_000)) }
}

extension FeedStore {
    func storeUpdate(feedID: Int64, articles: [Article], at date: Date) throws {
        try apply(
            FeedUpdate(
                feedID: feedID, attemptedAt: date,
                outcome: .fetched(
                    status: 200, etag: nil, lastModified: nil, title: nil, siteLink: nil, articles: articles),
                nextDueAt: date))
    }
}

var settings = DigestSettings.defaults(stateDirectory: work)
settings.timeZoneIdentifier = "Europe/Berlin"
let job = DigestJob(store: store, settings: settings)
var totals: [Double] = []
var selections: [Double] = []
var renders: [Double] = []
for run in 1...runs {
    // Back to before the day: the id of the last older article, and the day's start.
    try store.setDigestWatermark(
        DigestJob.watermarkName,
        DigestWatermark(until: dayStart, untilID: Int64(history), day: nil, writtenAt: dayStart))
    let start = seconds()
    let written = try job.writeDaily(occurrence: now, now: now)
    let total = seconds() - start
    totals.append(total)
    let selectStart = seconds()
    let (selection, period) = try job.selection(
        after: DigestWatermark(until: dayStart, untilID: Int64(history), day: nil, writtenAt: dayStart), now: now)
    let digest = try job.digest(of: selection, period: period, now: now)
    selections.append(seconds() - selectStart)
    let renderStart = seconds()
    let bytes = DigestFormat.allCases.map { DigestRenderer.render(digest, as: $0).utf8.count }.reduce(0, +)
    renders.append(seconds() - renderStart)
    print(
        String(
            format: "run %d: %.3f s for %d articles, %d stories, %d feeds, %d bytes rendered", run, total,
            written.digest.articleCount, written.digest.storyCount, written.digest.feedCount, bytes))
}
print(String(format: "median digest (select, build, render 3 formats, write, watermark): %.3f s", median(totals)))
print(String(format: "median selection, health and build: %.3f s", median(selections)))
print(String(format: "median rendering of the three formats: %.3f s", median(renders)))
