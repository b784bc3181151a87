/// One file the fuzzer starts from or replays: a test fixture, a seed of its own, or a regression.
struct FuzzSeed: Sendable {
    var target: FuzzTarget
    /// The path relative to the repository, for reports.
    var path: String
    var bytes: [UInt8]
}
