/// SplitMix64: a small, fast generator whose whole state is one integer, so any input of a run can be made again
/// from the run's seed and the input's number alone.
struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// A generator for one input: the run's seed, the batch and the input's place in it, mixed so that
    /// neighbouring numbers give unrelated streams.
    init(seed: UInt64, batch: Int, index: Int) {
        var mixer = FuzzRandom(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
        let batchSalt = mixer.next() &* UInt64(truncatingIfNeeded: batch &+ 1)
        let indexSalt = mixer.next() &* UInt64(truncatingIfNeeded: index &+ 1)
        state = seed ^ batchSalt ^ (indexSalt << 1 | indexSalt >> 63)
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`bound` must be positive).
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// True about once in `odds` calls.
    mutating func oneIn(_ odds: Int) -> Bool {
        below(odds) == 0
    }
}
