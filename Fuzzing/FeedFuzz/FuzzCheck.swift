/// The properties every input must keep; a finding names the one that failed.
enum FuzzCheck: String, Sendable {
    /// The process died (a trap, a signal, an allocation that failed under the memory limit).
    case crash
    /// One input ran longer than the hang limit and was killed.
    case hang
    /// One input took longer than the slow limit, but finished.
    case slow
    /// The process's resident memory went over the limit.
    case memory
    /// Sanitized HTML, read again as a browser would, contained something unsafe.
    case unsafeOutput = "unsafe-output"
}
