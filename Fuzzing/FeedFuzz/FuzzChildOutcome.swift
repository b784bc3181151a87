/// How a child process ended, as the runner saw it.
enum FuzzChildOutcome {
    /// Every input of its range ran, or its deadline came; `last` is the number of the last input it finished.
    case finished(last: Int?)
    /// It reported a finding for input `index` and stopped there.
    case finding(index: Int, FuzzFinding)
    /// It died running input `index`: by a signal, an exit status of its own, or killed by the runner's watchdog.
    case died(index: Int?, FuzzFinding)
}
