/// One timed run of one tool on one case; for perfile, the processes of the run are summed.
struct Measurement: Sendable {
    /// Wall seconds, summed over the run's processes.
    var wallSeconds = 0.0
    /// User + system CPU seconds, summed over the run's processes.
    var cpuSeconds = 0.0
    /// The largest peak RSS of any single process of the run, KiB.
    var maxRSSKiB = 0

    mutating func add(_ sample: RunSample) {
        wallSeconds += sample.wallSeconds
        cpuSeconds += sample.cpuSeconds
        maxRSSKiB = Swift.max(maxRSSKiB, sample.maxRSSKiB)
    }
}
