/// A configuration that cannot be used, described in one line: `file:line: dotted.key: message`.
///
/// `line` is nil when the problem is not in the text (a missing or unreadable file); `key` is nil for TOML syntax
/// errors and file errors.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    /// The configuration file as the caller named it (or the `fileName` given to `parse`).
    public var file: String
    /// The 1-based line the problem is on, if known.
    public var line: Int?
    /// The dotted key, such as `fetch.interval` or `feed.url` (array indices are left out; the line tells which).
    public var key: String?
    /// What is wrong, such as `unknown key` or `expected a duration such as 90s, 30m, 1h or 1d, got "soon"`.
    public var message: String

    /// Creates an error; `message` must be one line.
    public init(file: String, line: Int?, key: String?, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// The one-line form people see: `file[:line][: key]: message`.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
        }
        if let key {
            text += ": \(key)"
        }
        return text + ": " + message
    }
}
