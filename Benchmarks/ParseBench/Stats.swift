/// Median and range of a non-empty series of timings or sizes.
struct Stats: Sendable, Encodable {
    let median: Double
    let min: Double
    let max: Double

    /// `values` must not be empty (every measured tool has at least one timed run).
    init(_ values: [Double]) {
        precondition(!values.isEmpty, "Stats of no values")
        let sorted = values.sorted()
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        min = sorted[0]
        max = sorted[sorted.count - 1]
    }
}
