import Foundation

/// Everything one benchmark invocation found, rendered as text tables or as JSON.
struct Report: Sendable, Encodable {
    /// The outcome of the untimed feedctl output check on big.xml.
    struct Check: Sendable, Encodable {
        let ok: Bool
        let entries: Int?
        let expected: Int
        let message: String?

        func encode(to encoder: any Encoder) throws {
            // Spelled out so that missing figures are null rather than absent, as everywhere else in the report.
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(ok, forKey: .ok)
            try container.encode(entries, forKey: .entries)
            try container.encode(expected, forKey: .expected)
            try container.encode(message, forKey: .message)
        }

        private enum CodingKeys: String, CodingKey { case ok, entries, expected, message }
    }

    let corpus: String
    let xmllint: String
    let feedctl: String
    /// The second feedctl timed beside the first, if any.
    let baseline: String?
    let runs: Int
    let warmup: Int
    let check: Check
    /// /proc/loadavg's 1, 5 and 15 minute averages.
    let loadBefore: [Double]
    let loadAfter: [Double]
    /// What a do-nothing child reports as peak RSS through the runner, MiB: no tool can show less.
    let rssFloorMB: Double?
    let cases: [CaseResult]

    /// False when a tool failed, is missing, or feedctl's output check failed: the only reasons to exit non-zero.
    var succeeded: Bool { check.ok && cases.allSatisfy { $0.tools.allSatisfy(\.succeeded) } }

    private enum CodingKeys: String, CodingKey {
        case corpus, xmllint, feedctl, baseline, runs, warmup, check, cases, ok
        case loadBefore = "load_before", loadAfter = "load_after", rssFloor = "rss_floor_mb"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(succeeded, forKey: .ok)
        try container.encode(corpus, forKey: .corpus)
        try container.encode(xmllint, forKey: .xmllint)
        try container.encode(feedctl, forKey: .feedctl)
        try container.encode(baseline, forKey: .baseline)
        try container.encode(runs, forKey: .runs)
        try container.encode(warmup, forKey: .warmup)
        try container.encode(loadBefore, forKey: .loadBefore)
        try container.encode(loadAfter, forKey: .loadAfter)
        try container.encode(rssFloorMB, forKey: .rssFloor)
        try container.encode(check, forKey: .check)
        try container.encode(cases, forKey: .cases)
    }

    /// The report as pretty-printed JSON with sorted keys; missing figures are null.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The report as one table per case, for a terminal.
    func text() -> String {
        var lines = [
            "feedd-parse-bench: feedctl parse --json vs xmllint --stream --noout (libxml2's streaming reader: our ceiling)",
            "corpus \(corpus), \(runs) timed runs (+\(warmup) warm-up) per tool, medians shown",
            "load average before \(Self.load(loadBefore)), after \(Self.load(loadAfter))",
        ]
        if let baseline { lines.append("feedctl \(feedctl), baseline \(baseline), interleaved in the same runs") }
        if check.ok {
            lines.append(
                "feedctl check: big.xml gives valid JSON with \(check.expected) entries, as manifest.json says")
        } else {
            lines.append("feedctl check FAILED, feedctl not timed: \(check.message ?? "unknown reason")")
        }
        for result in cases {
            lines.append("")
            lines.append(contentsOf: table(result))
        }
        lines.append("")
        lines.append("MB/s: input bytes (10^6) / median wall. CPU: user+sys, summed over processes. Peak RSS: wait4's")
        lines.append(
            "ru_maxrss in MiB, the largest single process. Ratio = feedctl MB/s / xmllint MB/s (1.0 = ceiling).")
        if let rssFloorMB {
            let floor = Self.fixed(rssFloorMB, 1)
            lines.append("A forked /bin/true shows \(floor) MB peak RSS here: figures near that are upper bounds.")
        }
        return lines.joined(separator: "\n")
    }

    private func table(_ result: CaseResult) -> [String] {
        var lines = [
            "\(result.benchCase.rawValue): \(result.benchCase.summary) - \(Self.count(result.files, "file")), "
                + "\(Benchmark.megabytes(result.bytes)) MB, \(Self.count(result.processesPerRun, "process")) per run",
            "  " + Self.row(["tool", "wall s", "min–max s", "MB/s", "CPU s", "peak RSS MB"]),
        ]
        for tool in result.tools {
            guard let wall = tool.wall, let rate = tool.megabytesPerSecond, let cpu = tool.cpuMedianSeconds,
                let rss = tool.rssMedianMB
            else {
                lines.append("  " + Self.pad(tool.tool.rawValue, 9) + "FAILED: \(tool.failure ?? "no runs")")
                continue
            }
            lines.append(
                "  "
                    + Self.row([
                        tool.tool.rawValue, Self.fixed(wall.median, 3),
                        Self.fixed(wall.min, 3) + "–" + Self.fixed(wall.max, 3),
                        Self.fixed(rate, 1), Self.fixed(cpu, 3), Self.fixed(rss, 1),
                    ]))
        }
        let ratio = result.ratio.map { Self.fixed($0, 3) } ?? "n/a (a tool failed)"
        lines.append("  ratio feedctl/xmllint MB/s: \(ratio)")
        if let baselineRatio = result.baselineRatio, let speedup = result.speedup {
            lines.append(
                "  ratio baseline/xmllint MB/s: \(Self.fixed(baselineRatio, 3)); feedctl/baseline MB/s: "
                    + Self.fixed(speedup, 3))
        }
        let targets = result.targets.map { target in
            "\(target.name): " + (target.met.map { $0 ? "met" : "NOT met" } ?? "n/a")
        }
        if !targets.isEmpty { lines.append("  targets: " + targets.joined(separator: ", ")) }
        return lines
    }

    private static let widths = [9, 9, 16, 9, 9, 12]

    private static func row(_ cells: [String]) -> String {
        zip(cells, widths).enumerated().map { index, pair in
            index == 0 ? pad(pair.0, pair.1) : String(repeating: " ", count: max(0, pair.1 - pair.0.count)) + pair.0
        }.joined()
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private static func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        number == 1 ? "1 \(noun)" : "\(number) \(noun)\(noun.hasSuffix("s") ? "es" : "s")"
    }

    private static func load(_ averages: [Double]) -> String {
        averages.isEmpty ? "unknown" : averages.map { fixed($0, 2) }.joined(separator: " ")
    }

    /// The 1, 5 and 15 minute load averages, or [] where /proc/loadavg cannot be read.
    static func loadAverage() -> [Double] {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return [] }
        return text.split(separator: " ").prefix(3).compactMap { Double($0) }
    }
}
