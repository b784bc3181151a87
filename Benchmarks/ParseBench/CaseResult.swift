/// Both tools' results on one case, with the ratio and targets the case is judged by.
struct CaseResult: Sendable, Encodable {
    /// A goal for feedctl on this case; `met` is nil when it could not be judged (a tool failed).
    struct Target: Sendable, Encodable {
        let name: String
        let met: Bool?
    }

    let benchCase: BenchCase
    let files: Int
    let bytes: Int
    let processesPerRun: Int
    let tools: [ToolResult]

    func result(for tool: Tool) -> ToolResult? { tools.first { $0.tool == tool } }

    /// feedctl MB/s ÷ xmllint MB/s: the share of libxml2's bare streaming speed that feedctl keeps.
    var ratio: Double? { ratio(of: .feedctl) }

    /// The same share for the baseline feedctl, when one was timed.
    var baselineRatio: Double? { ratio(of: .baseline) }

    /// feedctl MB/s ÷ baseline MB/s: how much faster than the baseline, measured in the same runs.
    var speedup: Double? {
        guard let ours = result(for: .feedctl)?.megabytesPerSecond,
            let before = result(for: .baseline)?.megabytesPerSecond, before > 0
        else { return nil }
        return ours / before
    }

    private func ratio(of tool: Tool) -> Double? {
        guard let ours = result(for: tool)?.megabytesPerSecond,
            let ceiling = result(for: .xmllint)?.megabytesPerSecond, ceiling > 0
        else { return nil }
        return ours / ceiling
    }

    /// The targets of the big case (ratio ≥ 0.5, feedctl peak RSS < 64 MB); other cases are for information.
    var targets: [Target] {
        guard benchCase == .big else { return [] }
        return [
            Target(name: "ratio >= 0.5", met: ratio.map { $0 >= 0.5 }),
            Target(name: "feedctl peak RSS < 64 MB", met: result(for: .feedctl)?.rssMedianMB.map { $0 < 64 }),
        ]
    }

    private enum CodingKeys: String, CodingKey {
        case name, files, bytes, processesPerRun = "processes_per_run", tools, ratio, targets, speedup
        case baselineRatio = "baseline_ratio"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(benchCase, forKey: .name)
        try container.encode(files, forKey: .files)
        try container.encode(bytes, forKey: .bytes)
        try container.encode(processesPerRun, forKey: .processesPerRun)
        try container.encode(tools, forKey: .tools)
        try container.encode(ratio, forKey: .ratio)
        try container.encode(baselineRatio, forKey: .baselineRatio)
        try container.encode(speedup, forKey: .speedup)
        try container.encode(targets, forKey: .targets)
    }
}
