import FeedExtraction
import Foundation
import Glibc

// feedd-extract-bench: full-text extraction against the labelled pages of Benchmarks/ExtractCorpus.
//
//   feedd-extract-bench [--corpus DIR] [--runs 5] [--json]
//
// For each page of DIR/manifest.json: the text `auto` extracts and the text the page's own rule (css:… or
// xpath:…) extracts, each compared with the page's true body (NAME.txt) as multisets of lower-cased words
// (runs of letters and digits): precision, recall, F1. Then the macro averages, the paywall flags against the
// manifest's, and the speed of `auto`: every page parsed and extracted, --runs passes, the median in pages per
// second. Exit status 0 whatever the figures; 1 when the corpus cannot be read; 2 for a bad command line.

func argument(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func fail(_ message: String, status: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("feedd-extract-bench: \(message)\n".utf8))
    exit(status)
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

/// The lower-cased words of `text` with their counts: runs of letters and digits.
func wordCounts(_ text: String) -> [String: Int] {
    var counts: [String: Int] = [:]
    var word = ""
    for scalar in text.lowercased().unicodeScalars {
        if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            word.unicodeScalars.append(scalar)
        } else if !word.isEmpty {
            counts[word, default: 0] += 1
            word = ""
        }
    }
    if !word.isEmpty { counts[word, default: 0] += 1 }
    return counts
}

struct Score {
    var precision: Double
    var recall: Double
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    init(extracted: String?, truth: String) {
        let found = wordCounts(extracted ?? "")
        let expected = wordCounts(truth)
        let common = found.reduce(0) { $0 + min($1.value, expected[$1.key] ?? 0) }
        let foundTotal = found.values.reduce(0, +)
        let expectedTotal = expected.values.reduce(0, +)
        precision = foundTotal == 0 ? 0 : Double(common) / Double(foundTotal)
        recall = expectedTotal == 0 ? 0 : Double(common) / Double(expectedTotal)
    }
}

struct ManifestPage: Decodable {
    var page: String
    var url: String
    var rule: String
    var paywall: Bool?
}

struct Manifest: Decodable {
    var pages: [ManifestPage]
}

/// The package root: the nearest directory at or above the current one with a Package.swift.
func packageRoot() -> String {
    var directory = FileManager.default.currentDirectoryPath
    while directory != "/" {
        if FileManager.default.fileExists(atPath: directory + "/Package.swift") { return directory }
        directory = (directory as NSString).deletingLastPathComponent
    }
    return FileManager.default.currentDirectoryPath
}

let corpus = argument("corpus") ?? packageRoot() + "/Benchmarks/ExtractCorpus"
guard let runs = Int(argument("runs") ?? "5"), runs > 0 else { fail("--runs wants a positive number", status: 2) }
let asJSON = CommandLine.arguments.contains("--json")

guard let manifestData = FileManager.default.contents(atPath: corpus + "/manifest.json"),
    let manifest = try? JSONDecoder().decode(Manifest.self, from: manifestData)
else { fail("cannot read \(corpus)/manifest.json") }

struct Page {
    var entry: ManifestPage
    var bytes: [UInt8]
    var truth: String
    var rule: FullTextRule?
}

var pages: [Page] = []
for entry in manifest.pages {
    guard let bytes = FileManager.default.contents(atPath: corpus + "/" + entry.page),
        let truth = try? String(
            contentsOfFile: corpus + "/" + entry.page.replacingOccurrences(of: ".html", with: ".txt"), encoding: .utf8)
    else { fail("cannot read \(entry.page) or its .txt") }
    let rule = try? FullTextRule(entry.rule)
    pages.append(Page(entry: entry, bytes: Array(bytes), truth: truth, rule: rule))
}

func extract(_ page: Page, rule: FullTextRule) -> ExtractedContent? {
    guard let parsed = HTMLPage(bytes: page.bytes, url: page.entry.url) else { return nil }
    return ContentExtractor.extract(from: parsed, rule: rule)
}

// Accuracy.
var rows: [[String: Any]] = []
var autoScores: [Score] = []
var ruleScores: [Score] = []
var paywallAgreement = 0
if !asJSON {
    print("page                     auto P   auto R  auto F1 |  rule P   rule R  rule F1 | words paywall")
}
for page in pages {
    let automatic = extract(page, rule: .auto)
    let ruled = page.rule.flatMap { extract(page, rule: $0) }
    let autoScore = Score(extracted: automatic?.text, truth: page.truth)
    let ruleScore = Score(extracted: ruled?.text, truth: page.truth)
    autoScores.append(autoScore)
    ruleScores.append(ruleScore)
    let paywall = automatic?.isPaywallStub ?? false
    if paywall == (page.entry.paywall ?? false) { paywallAgreement += 1 }
    rows.append([
        "page": page.entry.page, "auto_precision": autoScore.precision, "auto_recall": autoScore.recall,
        "auto_f1": autoScore.f1, "rule_precision": ruleScore.precision, "rule_recall": ruleScore.recall,
        "rule_f1": ruleScore.f1, "words": automatic?.wordCount ?? 0, "paywall": paywall,
    ])
    if !asJSON {
        let name = page.entry.page.replacingOccurrences(of: ".html", with: "")
        print(
            name.padding(toLength: 24, withPad: " ", startingAt: 0)
                + String(
                    format: " %7.3f  %7.3f  %7.3f | %7.3f  %7.3f  %7.3f | %5d %@", autoScore.precision,
                    autoScore.recall, autoScore.f1, ruleScore.precision, ruleScore.recall, ruleScore.f1,
                    automatic?.wordCount ?? 0, paywall ? "yes" : "no"))
    }
}

func average(_ scores: [Score], _ value: (Score) -> Double) -> Double {
    scores.isEmpty ? 0 : scores.map(value).reduce(0, +) / Double(scores.count)
}

// Speed: parse and extract every page, `runs` passes, with `auto` and with the pages' rules, interleaved so that
// background load hits both alike.
var rates: [Double] = []
var ruleRates: [Double] = []
for _ in 0..<runs {
    var start = seconds()
    var words = 0
    for page in pages {
        words += extract(page, rule: .auto)?.wordCount ?? 0
    }
    rates.append(Double(pages.count) / (seconds() - start))
    start = seconds()
    for page in pages {
        words += page.rule.flatMap { extract(page, rule: $0)?.wordCount } ?? 0
    }
    ruleRates.append(Double(pages.count) / (seconds() - start))
    precondition(words > 0)
}
let bytes = pages.reduce(0) { $0 + $1.bytes.count }

let summary: [String: Any] = [
    "pages": pages.count, "bytes": bytes,
    "auto": [
        "precision": average(autoScores, \.precision), "recall": average(autoScores, \.recall),
        "f1": average(autoScores, \.f1),
    ],
    "rule": [
        "precision": average(ruleScores, \.precision), "recall": average(ruleScores, \.recall),
        "f1": average(ruleScores, \.f1),
    ],
    "paywall_agreement": paywallAgreement, "pages_per_second": median(rates), "runs": rates,
    "rule_pages_per_second": median(ruleRates), "rule_runs": ruleRates,
]
if asJSON {
    let report: [String: Any] = ["summary": summary, "pages": rows]
    let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
    print(String(decoding: data, as: UTF8.self))
} else {
    print(
        String(
            format: "macro average            %7.3f  %7.3f  %7.3f | %7.3f  %7.3f  %7.3f",
            average(autoScores, \.precision), average(autoScores, \.recall), average(autoScores, \.f1),
            average(ruleScores, \.precision), average(ruleScores, \.recall), average(ruleScores, \.f1)))
    print("paywall flags agreeing with the labels: \(paywallAgreement) of \(pages.count)")
    print(
        String(
            format: "speed (auto, parse included): %.0f pages/s median of %d passes (%.1f MB/s; %d pages, %d KB)",
            median(rates), runs, median(rates) * Double(bytes) / Double(pages.count) / 1e6, pages.count,
            bytes / 1024))
    print(String(format: "speed (rules, parse included): %.0f pages/s median of %d passes", median(ruleRates), runs))
}
