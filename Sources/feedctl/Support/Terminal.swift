import Glibc

/// What standard output is: a terminal gets aligned tables, colour and progress; a pipe gets plain text.
struct Terminal: Sendable {
    let isTerminal: Bool
    /// Colour only on a terminal, never with `NO_COLOR` set (https://no-color.org) or `TERM=dumb`.
    let usesColour: Bool
    /// The terminal's width in columns; 0 when output is not a terminal.
    let width: Int

    static let standardOutput = Terminal(descriptor: STDOUT_FILENO)
    static let standardError = Terminal(descriptor: STDERR_FILENO)

    init(descriptor: Int32) {
        isTerminal = isatty(descriptor) == 1
        let noColour = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        let dumb = getenv("TERM").map { String(cString: $0) == "dumb" } ?? false
        usesColour = isTerminal && !noColour && !dumb
        var size = winsize()
        if isTerminal && ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 {
            width = Int(size.ws_col)
        } else {
            width = isTerminal ? 80 : 0
        }
    }

    enum Style: String {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case cyan = "36"
        case reverse = "7"
    }

    /// `text` in `style` when colour is on; as is otherwise.
    func paint(_ text: String, _ style: Style) -> String {
        usesColour && !text.isEmpty ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
