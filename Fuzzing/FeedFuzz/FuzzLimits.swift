/// How long and how large one input may get before it is a finding.
struct FuzzLimits: Sendable {
    /// Longer than this (finished) is `slow`; no input of a few hundred KiB should need it, even in a debug build.
    var slowSeconds: Int
    /// Longer than this (still running) is `hang`: the child is killed by SIGALRM.
    var hangSeconds: Int
    /// Peak resident memory over this is `memory`.
    var residentBytes: Int
    /// The child's address space limit, so a runaway allocation fails (and is a crash) before it swaps the
    /// machine: a multiple of the resident limit, since Swift and libxml2 reserve more than they touch.
    var addressSpaceBytes: Int { residentBytes * 8 }
}
