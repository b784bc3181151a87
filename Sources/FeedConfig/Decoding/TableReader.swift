internal import TOMLKit

/// Reads typed values out of one TOML table, turning every problem into a `ConfigError` at the key's line.
struct TableReader {
    let table: TOMLTable
    let path: KeyPath
    let context: Context

    /// What every reader of one document shares.
    struct Context {
        let fileName: String
        let lines: TOMLLineIndex

        func error(at path: KeyPath, _ message: String) -> ConfigError {
            ConfigError(file: fileName, line: lines.line(for: path), key: path.dotted, message: message)
        }
    }

    /// The error for `key` of this table (which need not be present).
    func error(_ key: String, _ message: String) -> ConfigError {
        context.error(at: path.appending(key), message)
    }

    /// Throws for the first key, in file order, that is not in `known`.
    func rejectUnknownKeys(_ known: Set<String>) throws(ConfigError) {
        let unknown = table.keys.filter { !known.contains($0) }.map { path.appending($0) }
        let first = unknown.min { (context.lines.line(for: $0) ?? .max) < (context.lines.line(for: $1) ?? .max) }
        if let first {
            throw context.error(at: first, "unknown key")
        }
    }

    func contains(_ key: String) -> Bool {
        table[key] != nil
    }

    /// True when `key` holds an array (of tables, for `[[key]]`).
    func isArray(_ key: String) -> Bool {
        table[key]?.array != nil
    }

    private func value(_ key: String) -> TOMLValueConvertible? {
        table[key]
    }

    func string(_ key: String) throws(ConfigError) -> String? {
        guard let value = value(key) else { return nil }
        guard let string = value.string else { throw error(key, "expected a string, got \(describe(value))") }
        return string
    }

    func nonEmptyString(_ key: String) throws(ConfigError) -> String? {
        guard let value = value(key) else { return nil }
        guard let string = value.string, !string.isEmpty else {
            throw error(key, "expected a non-empty string, got \(describe(value))")
        }
        return string
    }

    func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard let bool = value.bool else { throw error(key, "expected true or false, got \(describe(value))") }
        return bool
    }

    /// An integer in `range`; the message states the range the way people read it.
    func integer(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let value = value(key) else { return nil }
        guard let integer = value.int, range.contains(integer) else {
            let expected =
                range.upperBound == .max
                ? "an integer of at least \(range.lowerBound)"
                : "an integer from \(range.lowerBound) to \(range.upperBound)"
            throw error(key, "expected \(expected), got \(describe(value))")
        }
        return integer
    }

    /// A positive duration, written as a string in `DurationSyntax` or as an integer number of seconds.
    func duration(_ key: String) throws(ConfigError) -> Duration? {
        guard let value = value(key) else { return nil }
        let duration: Duration?
        if let integer = value.int {
            duration = integer > 0 ? .seconds(integer) : nil
        } else if let string = value.string, let parsed = DurationSyntax.parse(string), parsed > .zero {
            duration = parsed
        } else {
            duration = nil
        }
        guard let duration else {
            throw error(key, "expected \(DurationSyntax.expectation), got \(describe(value))")
        }
        return duration
    }

    /// A positive size in bytes, written as a string in `SizeSyntax` or as an integer number of bytes.
    func size(_ key: String) throws(ConfigError) -> Int? {
        guard let value = value(key) else { return nil }
        let size: Int?
        if let integer = value.int {
            size = integer
        } else if let string = value.string {
            size = SizeSyntax.parse(string)
        } else {
            size = nil
        }
        guard let size, size > 0 else {
            throw error(key, "expected \(SizeSyntax.expectation), got \(describe(value))")
        }
        return size
    }

    /// An array whose elements are all strings; `allowSingle` also accepts one bare string.
    func stringArray(_ key: String, allowSingle: Bool = false) throws(ConfigError) -> [String]? {
        guard let value = value(key) else { return nil }
        if allowSingle, let string = value.string {
            return [string]
        }
        let expected = allowSingle ? "a string or an array of strings" : "an array of strings"
        guard let array = value.array else { throw error(key, "expected \(expected), got \(describe(value))") }
        var strings: [String] = []
        for element in array {
            guard let string = element.string else {
                throw error(key, "expected \(expected), got an array holding \(describe(element))")
            }
            strings.append(string)
        }
        return strings
    }

    /// An array of feed ids (positive integers) and feed URLs (strings), as a rule's `feeds` scope lists them.
    func feedReferences(_ key: String) throws(ConfigError) -> (ids: [Int64], urls: [String])? {
        guard let value = value(key) else { return nil }
        let expected = "an array of feed ids and feed URLs such as [12, \"https://example.org/feed\"]"
        guard let array = value.array else { throw error(key, "expected \(expected), got \(describe(value))") }
        var ids: [Int64] = []
        var urls: [String] = []
        for element in array {
            if let id = element.int, id > 0 {
                ids.append(Int64(id))
            } else if let url = element.string, !url.isEmpty {
                urls.append(url)
            } else {
                throw error(key, "expected \(expected), got an array holding \(describe(element))")
            }
        }
        return (ids, urls)
    }

    /// A program's argument vector (required): strings, the first an absolute path, as no shell or PATH is used.
    func command(_ key: String) throws(ConfigError) -> [String] {
        guard let command = try stringArray(key) else {
            throw error(key, "required key is missing")
        }
        guard command.first?.hasPrefix("/") == true else {
            throw error(key, "expected an array whose first string is an absolute path to a program")
        }
        return command
    }

    /// The name of a systemd credential (a file in `$CREDENTIALS_DIRECTORY`), not a path.
    func credentialName(_ key: String) throws(ConfigError) -> String? {
        guard let name = try nonEmptyString(key) else { return nil }
        guard !name.contains("/"), name != ".", name != ".." else {
            throw error(key, "expected a credential name, not a path")
        }
        return name
    }

    /// The table at `key`; a value of another type is an error.
    func table(_ key: String) throws(ConfigError) -> TableReader? {
        guard let value = value(key) else { return nil }
        guard let table = value.table else { throw error(key, "expected a table, got \(describe(value))") }
        return TableReader(table: table, path: path.appending(key), context: context)
    }

    /// The tables of the array of tables at `key` (`[[key]]`), in file order.
    func arrayOfTables(_ key: String) throws(ConfigError) -> [TableReader] {
        guard let value = value(key) else { return [] }
        guard let array = value.array else {
            throw error(key, "expected [[\(key)]] tables, got \(describe(value))")
        }
        var readers: [TableReader] = []
        for (index, element) in array.enumerated() {
            guard let table = element.table else {
                throw error(key, "expected [[\(key)]] tables, got an array holding \(describe(element))")
            }
            readers.append(
                TableReader(table: table, path: path.appending(key).appending(index: index), context: context))
        }
        return readers
    }
}

/// A short, one-line rendering of a TOML value for "got …" in messages.
func describe(_ value: TOMLValueConvertible) -> String {
    switch value.type {
    case .string:
        let string = value.string ?? ""
        let shortened = string.count > 60 ? String(string.prefix(57)) + "..." : string
        return "\"" + escapeForDisplay(shortened) + "\""
    case .int: return value.int.map { String($0) } ?? "an integer"
    case .double: return value.double.map { String($0) } ?? "a floating-point number"
    case .bool: return value.bool.map { String($0) } ?? "a boolean"
    case .array: return "an array"
    case .table: return "a table"
    case .date: return "a date"
    case .time: return "a time"
    case .dateTime: return "a date-time"
    }
}
