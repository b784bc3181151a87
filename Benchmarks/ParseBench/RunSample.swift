/// What one timed child process cost: wall clock from spawn to reap, and the kernel's rusage for it.
struct RunSample: Sendable {
    var wallSeconds: Double
    var userSeconds: Double
    var systemSeconds: Double
    /// Peak resident set size; Linux reports `ru_maxrss` in KiB.
    var maxRSSKiB: Int
    var termination: Termination

    var cpuSeconds: Double { userSeconds + systemSeconds }
}
