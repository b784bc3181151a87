/// A one-line progress bar on a terminal (standard error); silent when that is not a terminal or the job is small.
final class ProgressBar {
    private let total: Int
    private let label: String
    private let terminal: Terminal
    private let enabled: Bool
    private var shown = -1

    init(total: Int, label: String, terminal: Terminal, minimum: Int = 200) {
        self.total = total
        self.label = label
        self.terminal = terminal
        enabled = terminal.isTerminal && total >= minimum
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let percent = total == 0 ? 100 : done * 100 / total
        guard percent != shown else { return }
        shown = percent
        let width = 30
        let filled = width * percent / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileDescriptorOutput.standardError.write("\r\(label) \(bar) \(percent)% (\(done)/\(total))")
    }

    func finish() {
        guard enabled, shown >= 0 else { return }
        FileDescriptorOutput.standardError.write("\r\u{1B}[2K")
    }
}
