/// The timed runs of one tool on one case, or why it has none.
struct ToolResult: Sendable, Encodable {
    let tool: Tool
    /// The command as a person would type it (long file lists abbreviated).
    let command: String
    /// Input bytes per run, for MB/s.
    let bytes: Int
    var runs: [Measurement] = []
    /// Set when a run failed or the tool was not timed; the runs so far are then not reported.
    var failure: String?

    var succeeded: Bool { failure == nil && !runs.isEmpty }
    var wall: Stats? { succeeded ? Stats(runs.map(\.wallSeconds)) : nil }
    var cpuMedianSeconds: Double? { succeeded ? Stats(runs.map(\.cpuSeconds)).median : nil }
    /// Median peak RSS in MiB (ru_maxrss KiB / 1024).
    var rssMedianMB: Double? { succeeded ? Stats(runs.map { Double($0.maxRSSKiB) / 1024 }).median : nil }
    /// Input megabytes (10^6 bytes) per second of median wall time.
    var megabytesPerSecond: Double? {
        guard let median = wall?.median, median > 0 else { return nil }
        return Double(bytes) / 1e6 / median
    }

    private enum CodingKeys: String, CodingKey {
        case tool, command, ok, failure, runs
        case wallMedian = "wall_median_s", wallMin = "wall_min_s", wallMax = "wall_max_s", wallRuns = "wall_s"
        case mbPerSecond = "mb_per_s", cpuMedian = "cpu_median_s", rssMedian = "rss_median_mb"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tool, forKey: .tool)
        try container.encode(command, forKey: .command)
        try container.encode(succeeded, forKey: .ok)
        try container.encode(failure, forKey: .failure)
        try container.encode(succeeded ? runs.count : 0, forKey: .runs)
        let wall = wall
        try container.encode(wall?.median, forKey: .wallMedian)
        try container.encode(wall?.min, forKey: .wallMin)
        try container.encode(wall?.max, forKey: .wallMax)
        try container.encode(succeeded ? runs.map(\.wallSeconds) : [], forKey: .wallRuns)
        try container.encode(megabytesPerSecond, forKey: .mbPerSecond)
        try container.encode(cpuMedianSeconds, forKey: .cpuMedian)
        try container.encode(rssMedianMB, forKey: .rssMedian)
    }
}
